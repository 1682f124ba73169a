/** The parse cache (build/.cache/parse): an unchanged article file is not read or parsed again; its bodies stay on disk until rendered. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../article.ts';
import type { ContentProblem } from '../content/content-error.ts';
import { rememberArticleHash, rememberedArticleHash } from '../prerender/render-cache.ts';
import { type BodyAt, fieldsOf, openBodyFile } from './body-spill.ts';
import type { ParsedArticleStore } from './load-content.ts';
import { nodeStrongEtag } from './node-etag.ts';

/** [stamp of the file and its sidecar, the article without bodies, its bodies, its content hash, its warnings]. */
type Entry = readonly [string, Omit<Article, 'bodyText' | 'bodyHtml'>, BodyAt, BodyAt, string, ContentProblem[]];

export interface ParseCache extends ParsedArticleStore {
  /** Files taken from the cache and files parsed in this build. */
  readonly counts: { readonly reused: number; readonly parsed: number };
  /** Writes the index of this build's articles (only after the build succeeded). */
  save(): void;
  close(): void;
}

const indexName = 'index.json';
const bodiesName = 'bodies.bin';

/**
 * `base` is what every parse depends on besides the file: site config, code version, size bounds. A file is
 * taken from the cache when its size, mtime and inode (and its sidecar's, or the sidecar's absence) are those
 * recorded: an edited, replaced or touched file is parsed again. The index carries a SHA-256 of its text and
 * each body a SHA-1 of its bytes (body-spill.ts): a damaged index is an empty cache, a damaged body is an error
 * the CLI answers with a build without the cache. Bodies of old versions are dropped when they outweigh the live ones.
 */
export function openParseCache(dir: string, base: string, contentDir: string): ParseCache {
  mkdirSync(dir, { recursive: true });
  const loaded = readIndex(join(dir, indexName), base);
  let live = 0;
  for (const entry of loaded.values()) live += entry[2][1] + entry[3][1];
  const bodiesPath = join(dir, bodiesName);
  const bodiesSize = statOrUndefined(bodiesPath)?.size ?? 0;
  // A fresh body file when the index is unusable, or when dead bodies (old versions) exceed live ones.
  const fresh = loaded.size === 0 || bodiesSize > 2 * live + 64 * 1024 * 1024;
  const previous = fresh ? new Map<string, Entry>() : loaded;
  const bodies = openBodyFile(bodiesPath, !fresh);
  const next = new Map<string, Entry>();
  const stamps = new Map<string, string>();
  const counts = { reused: 0, parsed: 0 };
  const stampOf = (file: string, sidecar: string | undefined) =>
    `${stampPart(statOrUndefined(join(contentDir, file)))}|${sidecar === undefined ? '-' : stampPart(statOrUndefined(join(contentDir, sidecar)))}`;

  return {
    counts,
    lookup(file, sidecar) {
      // Stamped before the file is read: a change made while this build runs is seen by the next one.
      const stamp = stampOf(file, sidecar);
      stamps.set(file, stamp);
      const entry = previous.get(file);
      if (!entry || entry[0] !== stamp) return undefined;
      const [, rest, text, html, hash, warnings] = entry;
      const article = bodies.lazy(rest, { text, html });
      rememberArticleHash(article, hash);
      next.set(file, entry);
      counts.reused++;
      return { article, warnings };
    },
    keep(article, file, warnings, cacheable) {
      // Taken where the file was parsed (a build thread) when it was; the same text either way.
      const hash = rememberedArticleHash(article) ?? nodeStrongEtag(JSON.stringify(article));
      const fields = fieldsOf(article);
      // Through JSON: a title or summary sliced from the file's text would keep all of that text alive
      // (V8 keeps a substring's parent), 100,000 files of it; the copy holds only its own characters.
      const rest = JSON.parse(JSON.stringify(fields)) as typeof fields;
      const at = bodies.write(article);
      const lazy = bodies.lazy(rest, at);
      rememberArticleHash(lazy, hash);
      const stamp = stamps.get(file);
      if (cacheable && stamp !== undefined) next.set(file, [stamp, rest, at.text, at.html, hash, [...warnings]]);
      counts.parsed++;
      return lazy;
    },
    save() {
      const text = JSON.stringify({ base, entries: Object.fromEntries(next) });
      const temporary = join(dir, `${indexName}.tmp`);
      writeFileSync(temporary, `${createHash('sha256').update(text).digest('hex')}\n${text}`);
      renameSync(temporary, join(dir, indexName));
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

/** The saved entries when the index is intact and was made with the same `base`; otherwise none. */
function readIndex(path: string, base: string): Map<string, Entry> {
  try {
    const text = readFileSync(path, 'utf8');
    const newline = text.indexOf('\n');
    const body = text.slice(newline + 1);
    if (newline < 0 || text.slice(0, newline) !== createHash('sha256').update(body).digest('hex')) return new Map();
    const parsed = JSON.parse(body) as { base?: unknown; entries?: Record<string, Entry> };
    if (parsed.base !== base || typeof parsed.entries !== 'object' || parsed.entries === null) return new Map();
    return new Map(Object.entries(parsed.entries));
  } catch {
    return new Map();
  }
}
