/** The changes log of a version (archive/changes-log.ts) as the changes API reads it: its pieces, read when needed and kept. */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { fromStored, isStoredChange, type StoredChangeLog } from '../../archive/changes-log.ts';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import type { PieceRef } from '../../archive/root.ts';
import type { ChangeLog, ChangeRecord } from '../../model/change-log.ts';
import { readPieceBytes } from './live-archive.ts';

/**
 * Pieces kept by this isolate (they never change): the log's tail and the scheduled records are read by most polls.
 * Kept as records once read, never as the promise of a read under way: a request must not await a promise another
 * request made (live-archive.ts says why), so requests that find a piece not kept yet each read it themselves.
 */
const kept = new Map<string, readonly ChangeRecord[]>();
const maxKept = 64;

async function records(source: ArchiveSource, ref: PieceRef): Promise<readonly ChangeRecord[]> {
  const key = pieceLabel(ref);
  const known = kept.get(key);
  if (known !== undefined) return known;
  // A failed read throws here and is not kept: the next request tries again.
  const { records: stored } = await decodePiece(await readPieceBytes(source, ref), key, isStoredChange);
  const read = stored.map((record) => fromStored(record.meta));
  if (!kept.has(key)) {
    if (kept.size >= maxKept) kept.delete(kept.keys().next().value as string);
    kept.set(key, read);
  }
  return read;
}

export function storedChangeLog(source: ArchiveSource, log: StoredChangeLog): ChangeLog {
  return {
    async since(afterSeq, upToSeq) {
      const wanted = log.segments.filter((segment) => segment.to > afterSeq && segment.from <= upToSeq);
      const found = await Promise.all(wanted.map((segment) => records(source, segment)));
      return found.flat().filter((record) => record.seq > afterSeq && record.seq <= upToSeq);
    },
    async releasedBetween(fromMs, toMs, upToSeq) {
      if (log.scheduled === undefined) return [];
      return (await records(source, log.scheduled)).filter(
        (record) => record.seq <= upToSeq && record.release > fromMs && record.release <= toMs,
      );
    },
  };
}
