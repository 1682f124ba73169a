/** Build time: puts the published pictures into an assets folder, taking over the previous build's media/ folder. */
import { copyFileSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PublishedFile } from './publish-media.ts';

/**
 * Puts the published pictures into the assets folder. The previous build's `media/` folder is taken over
 * (one rename) and only the difference is linked or removed, so a rebuild costs per changed picture, not per
 * picture; a new file is a hard link to the cached file where the disk allows, else a copy. Synchronous on
 * purpose: thousands of link(2) calls cost less in a loop than as promises.
 */
export function placeMediaFiles(files: readonly PublishedFile[], assetsDir: string, previousAssetsDir?: string): void {
  const dir = join(assetsDir, 'media');
  let present = new Set<string>();
  if (previousAssetsDir !== undefined) {
    try {
      mkdirSync(assetsDir, { recursive: true });
      renameSync(join(previousAssetsDir, 'media'), dir);
      present = new Set(readdirSync(dir));
    } catch {
      present = new Set();
    }
  }
  if (files.length === 0 && present.size === 0) return;
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(files.map((file) => file.path.slice('media/'.length)));
  for (const name of present) if (!wanted.has(name)) rmSync(join(dir, name), { recursive: true, force: true });
  for (const file of files) {
    if (present.has(file.path.slice('media/'.length))) continue;
    const target = join(assetsDir, file.path);
    try {
      linkSync(file.source, target);
    } catch {
      try {
        copyFileSync(file.source, target);
      } catch (error) {
        throw new Error(
          `the picture cache has lost ${file.source} (${(error as Error).message}): delete ${dirname(dirname(file.source))} and build again`,
        );
      }
    }
  }
}
