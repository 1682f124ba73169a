/**
 * Reads one page of a stored list as its fragments' stored bytes, newest first: page 1 is one piece (the list's
 * head in that format); a deeper page is the spine piece that holds it, then its articles' fragments, read in
 * parallel. With the pointer and the root, page 1 costs three reads cold and page N `pageSize + 3`.
 */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import type { PieceRef, StoredList } from '../../archive/root.ts';
import { isSpineEntry, spineRange, spineSize } from '../../archive/spine.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { isListEntry } from '../../archive/stored-shapes.ts';
import { type ListFormat, listFormats } from '../../render/urls.ts';
import { readPieceBytes } from './live-archive.ts';

export async function readListPage(
  source: ArchiveSource,
  list: StoredList,
  format: ListFormat,
  page: number,
  pageSize: number,
): Promise<Uint8Array[]> {
  const to = Math.max(0, list.count - (page - 1) * pageSize);
  const from = Math.max(0, list.count - page * pageSize);
  if (to === from) return [];
  if (page === 1) {
    const ref = list.head?.[format];
    if (ref === undefined) throw new StoredFileError(`list ${list.identity}`, 'has articles but no head');
    return readRecords(source, ref, to - from);
  }
  const piece = Math.floor(from / spineSize);
  const ref = list.spine[piece];
  if (ref === undefined) throw new StoredFileError(`list ${list.identity}`, `has no spine piece ${piece}`);
  const range = spineRange(piece, list.count, pageSize);
  const { count, records } = await decodePiece(
    await readPieceBytes(source, ref),
    pieceLabel(ref),
    isSpineEntry,
    (_, position) => position >= from - range.from && position < to - range.from,
  );
  if (count !== range.to - range.from)
    throw new StoredFileError(pieceLabel(ref), `holds ${count} entries, the list says ${range.to - range.from}`);
  const index = listFormats.indexOf(format);
  const fragments = records.reverse().map(({ meta }) => {
    const [object, offset, ...lengths] = meta;
    let at = offset;
    for (let before = 0; before < index; before++) at += lengths[before] ?? 0;
    return readRecords(source, { o: object, at, n: lengths[index] ?? 0, h: '' }, 1).then(
      ([bytes]) => bytes as Uint8Array,
    );
  });
  return Promise.all(fragments);
}

/** The records of a piece of list entries, checked to be exactly `expected`. */
async function readRecords(source: ArchiveSource, ref: PieceRef, expected: number): Promise<Uint8Array[]> {
  const { count, records } = await decodePiece(await readPieceBytes(source, ref), pieceLabel(ref), isListEntry);
  if (count !== expected) throw new StoredFileError(pieceLabel(ref), `holds ${count} entries, not ${expected}`);
  return records.map((record) => record.bytes);
}
