/** The parse cache (build/.cache/parse): an unchanged article file is not read or parsed again; its bodies stay on disk until rendered. */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import type { ContentProblem } from '../../content/content-error.ts';
import type { Article } from '../../model/article.ts';
import { rememberArticleHash, rememberedArticleHash } from '../render/article-hashes.ts';
import { nodeStrongEtag } from '../render/node-etag.ts';
import { type BodyAt, fieldsOf, openBodyFile } from './body-spill.ts';
import { recallIndex, rememberIndex } from './index-memo.ts';
import type { ParsedArticleStore } from './parse-articles.ts';

/** [stamp of the file and its sidecar, the article without bodies, its bodies, its content hash, its warnings, its shard]. */
type Entry = readonly [
  string,
  Omit<Article, 'bodyText' | 'bodyHtml'>,
  BodyAt,
  BodyAt,
  string,
  ContentProblem[],
  number,
];

export interface ParseCache extends ParsedArticleStore {
  /** Files taken from the cache and files parsed in this build. */
  readonly counts: { readonly reused: number; readonly parsed: number };
  /** Only these files (and folders) may have changed since the build that saved this index: no other is stamped. */
  trust(changed: ReadonlySet<string>): void;
  /** Writes the index of this build's articles (only after the build succeeded); `listed`: the files it listed. */
  save(listed: readonly string[]): void;
  close(): void;
}

const indexName = 'index';
const bodiesName = 'bodies.bin';
/** The index is split by file name into this many shards: a rebuild rewrites only the shards whose entries changed. */
const shardCount = 64;

/** The indexes this process saved: a later build whose index is one of them may carry its articles over. */
const savedIndexes = new WeakSet<Map<string, Entry>>();

/** The shard an article file's entry is kept in. */
function shardOf(file: string): number {
  return crc32(file) % shardCount;
}

/**
 * `base` is what every parse depends on besides the file: site config, code version, size bounds. A file is
 * taken from the cache when its size, mtime and inode (and its sidecar's, or the sidecar's absence) are those
 * recorded: an edited, replaced or touched file is parsed again. The index is 64 shards (v8.serialize), each
 * with a SHA-256 of its bytes; a build rewrites only the shards whose entries changed. Each body carries a
 * SHA-1 of its bytes (body-spill.ts): a damaged index is an empty cache, a damaged body is an error the CLI
 * answers with a build without the cache. Bodies of old versions are dropped when they outweigh the live ones.
 * `trust(changed)` (change-list.ts: what a watcher or git says changed since the build that wrote this index) spares
 * the stat of every other file: an entry is taken as it is unless its file, its sidecar or a folder above them is in it.
 */
export function openParseCache(dir: string, base: string, contentDir: string): ParseCache {
  mkdirSync(dir, { recursive: true });
  const loaded = readIndex(join(dir, indexName), base);
  let changed: ReadonlySet<string> | undefined;
  const untouched = (path: string) => {
    if (changed === undefined) return false;
    for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1))
      if (changed.has(path.slice(0, at))) return false;
    return !changed.has(path);
  };
  const watched = (file: string, sidecar: string | undefined, entry: Entry | undefined): entry is Entry =>
    entry !== undefined &&
    untouched(file) &&
    (sidecar === undefined ? entry[0].endsWith('|-') : untouched(sidecar) && !entry[0].endsWith('|-'));
  // The one-file index of earlier versions is let go.
  rmSync(join(dir, 'index.json'), { force: true });
  let live = 0;
  for (const entry of loaded.values()) live += entry[2][1] + entry[3][1];
  const bodiesPath = join(dir, bodiesName);
  const bodiesSize = statOrUndefined(bodiesPath)?.size ?? 0;
  // A fresh body file when the index is unusable, or when dead bodies (old versions) exceed live ones.
  const fresh = loaded.size === 0 || bodiesSize > 2 * live + 64 * 1024 * 1024;
  const previous = fresh ? new Map<string, Entry>() : loaded;
  const bodies = openBodyFile(bodiesPath, !fresh);
  // What this build changes in the index: the entries it made (files parsed), the saved entries it did not take (their
  // file changed), and how many listed files the saved index knew. save() applies them to the saved index: a build
  // that took 100,000 entries as they were makes no copy of them (a new map of them was ~0.15 s of a save in --watch).
  const made = new Map<string, Entry>();
  const missed = new Set<string>();
  let known = 0;
  const stamps = new Map<string, string>();
  const counts = { reused: 0, parsed: 0 };
  const stampOf = (file: string, sidecar: string | undefined) =>
    `${stampPart(statOrUndefined(join(contentDir, file)))}|${sidecar === undefined ? '-' : stampPart(statOrUndefined(join(contentDir, sidecar)))}`;

  return {
    counts,
    trust(list) {
      changed = list;
    },
    lookup(file, sidecar) {
      // Stamped before the file is read: a change made while this build runs is seen by the next one.
      const entry = previous.get(file);
      if (entry !== undefined) known++;
      const stamp = watched(file, sidecar, entry) ? entry[0] : stampOf(file, sidecar);
      if (!entry || entry[0] !== stamp) {
        if (entry) missed.add(file);
        // keep() files the parsed article under the stamp taken before it was read.
        stamps.set(file, stamp);
        return undefined;
      }
      const [, rest, text, html, hash, warnings] = entry;
      // The entry's own fields become the article (no copy). In a --watch process the same entry, so the same
      // object, comes back each build: what was worked out from it (its sections) is remembered by object.
      const article = bodies.adopt(rest) ?? bodies.lazy(rest, { text, html });
      rememberArticleHash(article, hash);
      counts.reused++;
      return { article, warnings };
    },
    carry(count) {
      // The index this process saved last, and the body file it wrote (not started afresh): what the last build took
      // from them is what they hold. The entries stay in the index as they are; save() counts them as listed.
      if (fresh || !savedIndexes.has(previous)) return false;
      known += count;
      counts.reused += count;
      return true;
    },
    keep(article, file, warnings, cacheable) {
      // Taken where the file was parsed (a build thread) when it was; the same text either way.
      const hash = rememberedArticleHash(article) ?? nodeStrongEtag(JSON.stringify(article));
      const fields = fieldsOf(article);
      // Through JSON: a title or summary sliced from the file's text would keep all of that text alive
      // (V8 keeps a substring's parent), 100,000 files of it; the copy holds only its own characters.
      const rest = JSON.parse(JSON.stringify(fields)) as typeof fields;
      const at = bodies.write(article);
      // `rest` becomes the lazy article, and the entry holds it: one copy of the fields (save() writes them bare).
      const lazy = bodies.lazy(rest, at);
      rememberArticleHash(lazy, hash);
      const stamp = stamps.get(file);
      if (cacheable && stamp !== undefined)
        made.set(file, [stamp, rest, at.text, at.html, hash, [...warnings], shardOf(file)]);
      counts.parsed++;
      return lazy;
    },
    save(listed) {
      // The index names bodies: they are on disk before it is.
      bodies.flush();
      // A shard is written again when one of its entries is new, changed or gone; all of them after a fresh start.
      const dirty = new Set<number>(previous.size === 0 ? Array.from({ length: shardCount }, (_, shard) => shard) : []);
      // This build's index, made in place from the saved one (not used again): less the entries not taken, and the
      // files no longer listed (only looked for when fewer were listed than it holds), plus the entries made.
      const held = previous.size;
      const next = previous;
      for (const file of missed) {
        dirty.add(shardOf(file));
        next.delete(file);
      }
      if (known < held) {
        const files = new Set(listed);
        for (const [file, entry] of next)
          if (!files.has(file)) {
            dirty.add(entry[6]);
            next.delete(file);
          }
      }
      for (const [file, entry] of made) {
        dirty.add(entry[6]);
        next.set(file, entry);
      }
      // Only the dirty shards' entries are gathered, by the shard each entry carries.
      const shards = new Map<number, Map<string, Entry>>([...dirty].map((shard) => [shard, new Map()]));
      if (dirty.size > 0) for (const [file, entry] of next) shards.get(entry[6])?.set(file, entry);
      mkdirSync(join(dir, indexName), { recursive: true });
      for (const shard of dirty) {
        // V8's serialization: read back in about 60 % of JSON.parse's time (measured on 100 MB of entries). An
        // entry's fields are its lazy article: written without the body getters (serialize would call them).
        const entries = new Map<string, Entry>();
        for (const [file, [stamp, article, ...rest]] of shards.get(shard) ?? new Map<string, Entry>())
          entries.set(file, [stamp, fieldsOf(article as Article), ...rest]);
        const bytes = serialize({ base, entries });
        const path = join(dir, indexName, `${shard}.bin`);
        writeFileSync(`${path}.tmp`, Buffer.concat([Buffer.from(`${sha256(bytes)}\n`), bytes]));
        renameSync(`${path}.tmp`, path);
      }
      rememberIndex(`${dir}\n${base}`, shardFiles(join(dir, indexName)), next);
      savedIndexes.add(next);
    },
    close: () => bodies.close(),
  };
}

function stampPart(stats: Stats | undefined): string {
  return stats ? `${stats.size}:${stats.mtimeMs}:${stats.ino}` : 'none';
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * What tells the index in `dir` from another one: the SHA-256 each shard starts with (a copy restored elsewhere, as
 * CI's cache restores it, is the same index; another process's rewrite is another).
 */
export function parseIndexStamp(dir: string): string {
  const head = Buffer.alloc(64);
  return shardFiles(join(dir, indexName))
    .map((file) => {
      try {
        const fd = openSync(file, 'r');
        try {
          return head.toString('latin1', 0, readSync(fd, head, 0, 64, 0));
        } finally {
          closeSync(fd);
        }
      } catch {
        return '-';
      }
    })
    .join(',');
}

function shardFiles(folder: string): string[] {
  return Array.from({ length: shardCount }, (_, shard) => join(folder, `${shard}.bin`));
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The saved entries when every shard is intact and was made with the same `base`; otherwise none (a damaged
 * or missing shard makes the whole index unusable, so a body file is never shared by two indexes' views).
 */
function readIndex(folder: string, base: string): Map<string, Entry> {
  const kept = recallIndex<Map<string, Entry>>(`${dirname(folder)}\n${base}`, shardFiles(folder));
  if (kept) return kept;
  const entries = new Map<string, Entry>();
  try {
    for (let shard = 0; shard < shardCount; shard++) {
      // Hashed as bytes: a string would be encoded to UTF-8 again first, three times slower at 110 MB.
      const bytes = readFileSync(join(folder, `${shard}.bin`));
      const newline = bytes.indexOf(0x0a);
      if (newline < 0 || bytes.toString('latin1', 0, newline) !== sha256(bytes.subarray(newline + 1))) return new Map();
      const parsed = deserialize(bytes.subarray(newline + 1)) as { base?: unknown; entries?: unknown };
      if (parsed.base !== base || !(parsed.entries instanceof Map)) return new Map();
      for (const [file, entry] of parsed.entries as Map<string, Entry>) entries.set(file, entry);
    }
    return entries;
  } catch {
    return new Map();
  }
}
