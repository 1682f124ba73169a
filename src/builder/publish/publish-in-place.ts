/** Build time: a rebuild stages only the stored files that changed and swaps those into the published tree (or none of them). */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { recallIndex, rememberIndex } from '../content/index-memo.ts';
import { nodeStrongEtag } from '../render/node-etag.ts';
import {
  type BuildStage,
  BuildStageError,
  nodeBuildFs,
  type PublishOptions,
  type StagedBuild,
  stageBuild,
} from './publish-build.ts';

/** Per published file: [bytes, content tag (a strong ETag of its bytes) or '' when not taken]. */
type Published = Map<string, readonly [number, string]>;

/** What a publish did: the complete tree swapped in, or `changed` files moved in and `removed` ones moved out. */
export type PublishedChanges =
  | { readonly complete: true }
  | { readonly complete: false; readonly changed: number; readonly removed: number };

export interface StagedChanges extends Omit<StagedBuild, 'publish'> {
  publish(manifestSource: string): Promise<PublishedChanges>;
}

/** The published tree's list, beside it (never inside it: everything in the assets folder is served). */
export function publishedIndexPath(assets: string): string {
  return `${assets}.published.json`;
}

/**
 * Like stageBuild, but a rebuild over a published tree whose list (`<assets>.published.json`) is intact stages
 * only what differs: a written file whose bytes are those already published, or a cached file placed where the
 * same bytes already are, costs nothing. `publish` then moves each changed file in (the old one aside into
 * `<assets>.old`), moves files this build no longer has aside, renames the list and the manifest in; if any step
 * fails, every step done is undone, so the previous build stays whole and served (issue 11). Without an intact
 * list (first build, damaged list, no assets folder) it is stageBuild's complete tree swapped in with one rename.
 * `complete` asks for the complete tree (`--no-cache`). A file changed by hand inside the published folder
 * is not noticed: delete it (or the folder) to rebuild it.
 */
export async function stageChanges(options: PublishOptions, complete = false): Promise<StagedChanges> {
  const fs = options.fs ?? nodeBuildFs;
  const indexPath = publishedIndexPath(options.assets);
  const previous = !complete && (await fs.exists(options.assets)) ? readPublished(indexPath) : undefined;
  const next: Published = new Map();
  if (!previous) {
    // The list is dropped before the swap: a list that does not describe the tree is never left behind.
    await fs.rm(indexPath, { recursive: true, force: true });
    const full = await stageBuild(options);
    return {
      folder: full.folder,
      async write(path, data) {
        next.set(path, [byteLength(data), '']);
        await full.write(path, data);
      },
      keeps(path, tag) {
        next.set(path, [0, tag]);
        return false;
      },
      tagWritten: (path, tag) => retag(next, path, tag),
      settle: () => full.settle(),
      async publish(manifestSource) {
        await full.publish(manifestSource);
        await writeIndex(indexPath, next, fs).then(
          () => rememberIndex(indexPath, [indexPath], next),
          () => fs.rm(indexPath, { recursive: true, force: true }),
        );
        return { complete: true };
      },
    };
  }
  return stageInPlace(options, previous, next);
}

async function stageInPlace(options: PublishOptions, previous: Published, next: Published): Promise<StagedChanges> {
  const fs = options.fs ?? nodeBuildFs;
  const indexPath = publishedIndexPath(options.assets);
  // Only what changed is written here; the served tree is not touched until publish.
  const full = await stageBuild(options);
  const staging = full.folder;
  const aside = `${options.assets}.old`;
  const manifestTmp = `${options.manifest}.tmp`;
  const changed: string[] = [];

  return {
    folder: staging,
    async write(path, data) {
      const bytes = byteLength(data);
      const before = previous.get(path);
      // Same length as the published file: its tag tells whether the bytes are the same (hashed only then).
      const tag = before && before[0] === bytes ? nodeStrongEtag(data) : '';
      next.set(path, [bytes, tag]);
      if (tag !== '' && before?.[1] === tag) return;
      changed.push(path);
      await full.write(path, data);
    },
    keeps(path, tag) {
      const before = previous.get(path);
      next.set(path, [before?.[0] ?? 0, tag]);
      if (before?.[1] === tag) return true;
      changed.push(path);
      return false;
    },
    tagWritten: (path, tag) => retag(next, path, tag),
    settle: () => full.settle(),
    async publish(manifestSource) {
      await full.settle();
      const moving = [...new Set(changed)];
      const gone = [...previous.keys()].filter((path) => !next.has(path));
      const undo: (() => Promise<void>)[] = [];
      const run = async (stage: BuildStage, work: () => Promise<void>) => {
        try {
          await work();
        } catch (error) {
          for (const step of undo.reverse()) await step().catch(() => {});
          await fs.rm(manifestTmp, { recursive: true, force: true }).catch(() => {});
          throw error instanceof BuildStageError ? error : new BuildStageError(stage, error);
        }
      };
      await run('writing the manifest', async () => {
        await fs.rm(aside, { recursive: true, force: true });
        await fs.mkdir(dirname(options.manifest), { recursive: true });
        await fs.writeFile(manifestTmp, manifestSource);
        await writeIndex(`${indexPath}.tmp`, next, fs);
      });
      await run('swapping in the new build', async () => {
        const made = new Set<string>();
        const folderFor = async (file: string) => {
          if (made.has(dirname(file))) return;
          await fs.mkdir(dirname(file), { recursive: true });
          made.add(dirname(file));
        };
        const moveAside = async (path: string) => {
          await folderFor(join(aside, path));
          await fs.rename(join(options.assets, path), join(aside, path));
          undo.push(() => fs.rename(join(aside, path), join(options.assets, path)));
        };
        for (const path of moving) {
          if (previous.has(path)) await moveAside(path);
          await folderFor(join(options.assets, path));
          await fs.rename(join(staging, path), join(options.assets, path));
          undo.push(() => fs.rename(join(options.assets, path), join(staging, path)));
        }
        for (const path of gone) await moveAside(path);
        await folderFor(join(aside, '.published.json'));
        await fs.rename(indexPath, join(aside, '.published.json'));
        undo.push(() => fs.rename(join(aside, '.published.json'), indexPath));
        await fs.rename(`${indexPath}.tmp`, indexPath);
        undo.push(() => fs.rename(indexPath, `${indexPath}.tmp`));
        await fs.rename(manifestTmp, options.manifest);
      });
      rememberIndex(indexPath, [indexPath], next);
      // The new build is whole from here on: leftovers are only untidy.
      await fs.rm(aside, { recursive: true, force: true }).catch(() => {});
      await fs.rm(staging, { recursive: true, force: true }).catch(() => {});
      return { complete: false, changed: moving.length, removed: gone.length };
    },
  };
}

/** Without it a clean build's files carry no tag, and the first rebuild would move every cached file in again. */
function retag(files: Published, path: string, tag: string): void {
  const written = files.get(path);
  if (written) files.set(path, [written[0], tag]);
}

function byteLength(data: string | Uint8Array): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
}

/** The list and its SHA-256 on the first line; written to a temporary name by the caller's choice. */
async function writeIndex(path: string, files: Published, fs: PublishOptions['fs'] & object): Promise<void> {
  const text = JSON.stringify(Object.fromEntries(files));
  await fs.writeFile(path, `${createHash('sha256').update(text).digest('hex')}\n${text}`);
}

/** The published list when it is intact and the expected shape; otherwise undefined (a complete build). */
function readPublished(path: string): Published | undefined {
  const kept = recallIndex<Published>(path, [path]);
  if (kept) return kept;
  try {
    const text = readFileSync(path, 'utf8');
    const newline = text.indexOf('\n');
    const body = text.slice(newline + 1);
    if (newline < 0 || text.slice(0, newline) !== createHash('sha256').update(body).digest('hex')) return undefined;
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const files: Published = new Map();
    for (const [path, entry] of Object.entries(parsed)) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'number' || typeof entry[1] !== 'string') return undefined;
      files.set(path, [entry[0], entry[1]]);
    }
    return files;
  } catch {
    return undefined;
  }
}
