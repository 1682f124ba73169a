/**
 * Pieces: every rendered thing the archive stores (a page, a feed item, page 1 of a list, a spine, a shard, a
 * sitemap) is a record file (record-file.ts: checksummed index line, then the records' bytes) compressed with raw
 * DEFLATE, lying at a byte range of a content-addressed object. Decoding checks both layers: bytes that do not
 * inflate, or a record file that fails its checksums, are a StoredFileError (a 503), never served.
 */
import { inflateRaw } from '../shared/deflate.ts';
import { decodeSelectedBytes, type MetaCheck, type StoredBytesRecord } from './record-file.ts';
import type { PieceRef } from './root.ts';
import { StoredFileError } from './stored-file-error.ts';

/** A piece's name in messages and logs: its object, offset and length. */
export function pieceLabel(ref: Pick<PieceRef, 'o' | 'at' | 'n'>): string {
  return `objects/${ref.o}@${ref.at}+${ref.n}`;
}

/** The records of a stored piece that `wanted` picks (all by default), checked; `count` is how many it holds. */
export async function decodePiece<M>(
  compressed: Uint8Array,
  label: string,
  isMeta?: MetaCheck<M>,
  wanted?: (meta: M, position: number) => boolean,
): Promise<{ readonly count: number; readonly records: StoredBytesRecord<M>[] }> {
  let bytes: Uint8Array;
  try {
    bytes = await inflateRaw(compressed);
  } catch {
    throw new StoredFileError(label, 'does not inflate');
  }
  return decodeSelectedBytes(bytes, label, isMeta, wanted);
}
