/** An article's block: its pieces back to back in one object, each per-article format first, then its four list fragments. */
import { articleFormatNames } from '../model/article-formats.ts';
import { listFormats } from '../render/urls.ts';

/** The pieces of a block, in order: e.g. page, ninjs, then rss, atom, json, index. */
export const blockPieces = [...articleFormatNames, ...listFormats] as const;

export type BlockPiece = (typeof blockPieces)[number];

/** Byte offset of piece `index` within a block whose pieces have `lengths`. */
export function offsetInBlock(lengths: readonly number[], index: number): number {
  let offset = 0;
  for (let at = 0; at < index; at++) offset += lengths[at] ?? 0;
  return offset;
}
