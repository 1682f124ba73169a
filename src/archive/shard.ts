/**
 * Slug shards: the articles of a version, spread over a power-of-two number of pieces by a hash of the slug, so
 * `/articles/:slug` reads one small shard (then the article's piece) whatever the archive's size. An entry is all
 * the Worker needs to answer for the article and all the build needs to reuse it unchanged.
 */
import type { MetaCheck } from './record-file.ts';

/**
 * `[slug, release, sections, object, offset, lengths, etags, identity, lifecycle]`: the release instant (ms), the
 * sections it is listed in (`tag:<key>`, `source:<key>`), where its block lies (object, offset, each piece's length
 * in block order), each per-article format's ETag, the hash of what it was rendered from, and its lifecycle: how
 * many corrections it has, or -1 when it is retracted (what the changes log compares).
 */
export type ShardEntry = readonly [
  slug: string,
  release: number,
  sections: readonly string[],
  object: string,
  offset: number,
  lengths: readonly number[],
  etags: readonly string[],
  identity: string,
  lifecycle: number,
];

/** Articles per shard, about: few enough that a shard reads fast, many enough that the root stays small. */
export const articlesPerShard = 512;

/** A power of two: shards are reshuffled only when the archive doubles, so one article changes one shard. */
export function shardCountFor(articleCount: number): number {
  let count = 1;
  while (count * articlesPerShard < articleCount) count *= 2;
  return count;
}

/** FNV-1a (32 bit) of the slug modulo the shard count: stable across runtimes, cheap, evenly spread. */
export function shardOf(slug: string, shardCount: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < slug.length; index++) {
    hash ^= slug.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % shardCount;
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');
const isLengths = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((item) => Number.isSafeInteger(item) && item >= 0);

export const isShardEntry: MetaCheck<ShardEntry> = (meta): meta is ShardEntry =>
  Array.isArray(meta) &&
  meta.length === 9 &&
  typeof meta[0] === 'string' &&
  Number.isSafeInteger(meta[1]) &&
  isStringArray(meta[2]) &&
  typeof meta[3] === 'string' &&
  Number.isSafeInteger(meta[4]) &&
  meta[4] >= 0 &&
  isLengths(meta[5]) &&
  isStringArray(meta[6]) &&
  typeof meta[7] === 'string' &&
  Number.isSafeInteger(meta[8]) &&
  meta[8] >= -1;
