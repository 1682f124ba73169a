/**
 * A list's spine: every article of the list, oldest first, as where its four fragments lie. Stored in pieces of
 * `spineSize` entries, each followed by the next `pageSize` entries, so any newest-first page of the list lies
 * within one piece: a deep page reads that piece, then its articles' fragments in parallel.
 */
import type { MetaCheck } from './record-file.ts';

/** `[object, offset, rss, atom, json, index]`: the object and offset of an article's four fragments and their lengths (listFormats order). */
export type SpineEntry = readonly [
  object: string,
  offset: number,
  rss: number,
  atom: number,
  json: number,
  index: number,
];

/** Entries a spine piece owns (it also repeats the next pageSize). */
export const spineSize = 1024;

/** The publication-order positions spine piece `piece` holds: its own, then up to `pageSize` of the next. */
export function spineRange(piece: number, count: number, pageSize: number): { from: number; to: number } {
  return { from: piece * spineSize, to: Math.min(count, (piece + 1) * spineSize + pageSize) };
}

/** How many pieces a spine of `count` entries has. */
export function spinePieceCount(count: number): number {
  return Math.ceil(count / spineSize);
}

export const isSpineEntry: MetaCheck<SpineEntry> = (meta): meta is SpineEntry =>
  Array.isArray(meta) &&
  meta.length === 6 &&
  typeof meta[0] === 'string' &&
  meta.slice(1).every((value) => Number.isSafeInteger(value) && value >= 0);
