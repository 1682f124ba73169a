/** The render cache on disk (build/.cache/render): stored files kept as hard links, checked by size, mtime and inode before reuse. */
import { createHash } from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { recallIndex, rememberIndex } from '../content/index-memo.ts';
import type { StagedBuild } from '../publish/publish-build.ts';
import type { RenderCache } from './render-cache.ts';
import { hashSourceTree } from './source-hash.ts';

/**
 * Per entry: [size, mtimeMs, inode, tag] of the cached file `files/<key>`. The tag is the key itself: it names
 * the file's content (site config, code, path and articles), which is how the published tree is compared.
 */
type Entry = readonly [number, number, number, string];

export interface DiskRenderCache extends RenderCache {
  /** After the build is published: links this build's new files into the cache, drops unused entries, saves the index. */
  save(assetsDir: string): void;
  /** Files placed from the cache, files rendered, and damaged entries found (and rebuilt) in this build. */
  readonly counts: { readonly reused: number; readonly rendered: number; readonly damaged: number };
}

const indexName = 'index.json';

/** Where cached files go: the staging folder of the build and what the published tree already holds (publish-build.ts). */
export type CacheTarget = Pick<StagedBuild, 'folder' | 'keeps' | 'tagWritten'>;

/**
 * `base` is everything every stored file depends on besides its articles: the site config and the code
 * version (buildCodeHash). An entry is reused only when its key (base + path + identity) matches and the
 * cached file still has the size, mtime and inode recorded when it was kept: a truncated or rewritten file
 * is detected, dropped and rendered again. The index itself carries a SHA-256 of its text; a damaged index
 * is an empty cache (a full build), never a stale mix.
 */
export function openDiskRenderCache(dir: string, base: string, staged: CacheTarget): DiskRenderCache {
  const stagingDir = staged.folder;
  const files = join(dir, 'files');
  const previous = readIndex(join(dir, indexName));
  const next = new Map<string, Entry>();
  const fresh: { key: string; path: string; tag: string }[] = [];
  const folders = new Set<string>();
  const counts = { reused: 0, rendered: 0, damaged: 0 };
  /** Paths whose cached file was found intact in this build, with the identity asked for. */
  const checked = new Map<string, string>();
  const keyOf = (path: string, identity: string) =>
    createHash('sha256').update(`${base}\n${path}\n${identity}`).digest('base64url').slice(0, 32);

  return {
    counts,
    has(path, identity) {
      // A build asks about most files two or three times (packs, site and section chunks): one stat each.
      if (checked.get(path) === identity) return true;
      const key = keyOf(path, identity);
      if (next.has(key)) return true;
      const entry = previous.get(key);
      if (!entry) return false;
      if (!matches(statOrUndefined(join(files, key)), entry)) {
        counts.damaged++;
        previous.delete(key);
        rmSync(join(files, key), { force: true });
        return false;
      }
      checked.set(path, identity);
      return true;
    },
    async place(path, identity) {
      const key = keyOf(path, identity);
      const entry = next.get(key) ?? previous.get(key);
      if (!entry) throw new Error(`render cache: ${path} placed without an entry`);
      next.set(key, entry);
      counts.reused++;
      // Where the published tree already holds these bytes (publish-in-place.ts), nothing is linked.
      if (staged.keeps(path, entry[3])) return;
      const target = join(stagingDir, path);
      if (!folders.has(dirname(target))) {
        mkdirSync(dirname(target), { recursive: true });
        folders.add(dirname(target));
      }
      linkSync(join(files, key), target);
    },
    keep(path, identity) {
      const key = keyOf(path, identity);
      fresh.push({ key, path, tag: key });
      staged.tagWritten(path, key);
      counts.rendered++;
    },
    save(assetsDir) {
      mkdirSync(files, { recursive: true });
      for (const { key, path, tag } of fresh) {
        const cached = join(files, key);
        rmSync(cached, { force: true });
        try {
          linkSync(join(assetsDir, path), cached);
        } catch {
          continue; // another file system (EXDEV) or no links: that file is rendered again next time
        }
        const stats = statSync(cached);
        next.set(key, [stats.size, stats.mtimeMs, stats.ino, tag]);
      }
      // Entries this build did not use are let go, so the cache holds one build's files, not every build's;
      // without a usable index, whatever the folder holds (a build stopped before its save left them).
      if (previous.size === 0) {
        for (const name of readdirSync(files)) if (!next.has(name)) rmSync(join(files, name), { force: true });
      } else for (const key of previous.keys()) if (!next.has(key)) rmSync(join(files, key), { force: true });
      const text = JSON.stringify(Object.fromEntries(next));
      const temporary = join(dir, `${indexName}.tmp`);
      writeFileSync(temporary, `${sha256(text)}\n${text}`);
      renameSync(temporary, join(dir, indexName));
      rememberIndex(join(dir, indexName), [join(dir, indexName)], next);
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function matches(stats: Stats | undefined, [size, mtimeMs, ino]: Entry): boolean {
  return stats?.isFile() === true && stats.size === size && stats.mtimeMs === mtimeMs && stats.ino === ino;
}

/** The saved index, or an empty one when it is missing, damaged or not the expected shape. */
function readIndex(path: string): Map<string, Entry> {
  const kept = recallIndex<Map<string, Entry>>(path, [path]);
  if (kept) return kept;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new Map();
  }
  const newline = text.indexOf('\n');
  const body = text.slice(newline + 1);
  if (newline < 0 || text.slice(0, newline) !== sha256(body)) return new Map();
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const entries = new Map<string, Entry>();
    for (const [key, entry] of Object.entries(parsed)) {
      if (
        Array.isArray(entry) &&
        entry.length === 4 &&
        typeof entry[0] === 'number' &&
        typeof entry[1] === 'number' &&
        typeof entry[2] === 'number' &&
        typeof entry[3] === 'string'
      )
        entries.set(key, entry as unknown as Entry);
    }
    return entries;
  } catch {
    return new Map();
  }
}

/**
 * The code version of the build caches: every source file under `root/src` (parsing and building included,
 * generated/ left out) and `root/package-lock.json` (every dependency's version): a code upgrade changes every key.
 */
export async function buildCodeHash(root: string): Promise<string> {
  const lock = await readFile(join(root, 'package-lock.json'), 'utf8').catch(() => '');
  return createHash('sha256')
    .update(`${await hashSourceTree(root)}\n${lock}`)
    .digest('base64url');
}
