/**
 * The changes a publish appends to the log (archive/changes-log.ts): what it did to each article against the live
 * version — published, updated, corrected, retracted — and the log's pieces after it: a new tail, merged with the
 * tail before it while the two are of like size, so a root names few pieces and a publish rewrites little.
 */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import {
  isStoredChange,
  type LogSegment,
  type StoredChange,
  type StoredChangeLog,
  sealedSegmentRecords,
  toStored,
} from '../../archive/changes-log.ts';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import type { PieceRef } from '../../archive/root.ts';
import type { ShardEntry } from '../../archive/shard.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { articleFormatNames } from '../../model/article-formats.ts';
import type { ChangeEvent, ChangeRecord } from '../../model/change-log.ts';
import { type PendingRef, type PieceStore, resolveRef } from './piece-store.ts';

/** What one article's move from `before` to `after` is, for a reader of the changes; undefined when none a reader sees. */
function eventOf(before: ShardEntry | undefined, after: ShardEntry | undefined): ChangeEvent | undefined {
  if (after === undefined) return before === undefined || before[8] === -1 ? undefined : 'retracted';
  if (before === undefined) return after[8] === -1 ? undefined : 'published';
  if (before[7] === after[7]) return undefined;
  if (after[8] === -1) return before[8] === -1 ? undefined : 'retracted';
  if (before[8] === -1) return 'published';
  if (after[8] > before[8]) return 'corrected';
  // The identity also moves with the code and the site's settings: a change is only what a partner receives.
  return sameCopy(before, after) ? undefined : 'updated';
}

const ninjsIndex = articleFormatNames.indexOf('ninjs');

/** The same copy for a partner: the same ninjs bytes (its ETag), release instant and sections. */
function sameCopy(before: ShardEntry, after: ShardEntry): boolean {
  return (
    before[6][ninjsIndex] === after[6][ninjsIndex] &&
    before[1] === after[1] &&
    before[2].length === after[2].length &&
    before[2].every((section, index) => section === after[2][index])
  );
}

/**
 * The records of publish `sequence` (ids `<sequence>.<n>`, slugs in code-unit order), at `at` (ms). `candidates`:
 * every slug whose entry may differ (the plan knows: what it rendered and what left); absent, both maps are compared.
 */
export function changeRecords(
  before: ReadonlyMap<string, ShardEntry>,
  after: ReadonlyMap<string, ShardEntry>,
  sequence: number,
  at: number,
  candidates?: readonly string[],
): ChangeRecord[] {
  // Only an article whose entry is not the same object can have an event (the plan keeps an unchanged one's entry):
  // at 100,000 articles, sorting every slug of both versions was ~0.1 s of a one-article publish.
  const slugs: string[] = candidates ? [...new Set(candidates)] : [];
  if (!candidates) {
    for (const [slug, entry] of after) if (before.get(slug) !== entry) slugs.push(slug);
    for (const slug of before.keys()) if (!after.has(slug)) slugs.push(slug);
  }
  slugs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const records: ChangeRecord[] = [];
  for (const slug of slugs) {
    const was = before.get(slug);
    const is = after.get(slug);
    const event = eventOf(was, is);
    const entry = is ?? was;
    if (event === undefined || entry === undefined) continue;
    records.push({
      id: `${sequence}.${records.length}`,
      event,
      slug,
      seq: sequence,
      at,
      release: entry[1],
      sections: entry[2],
    });
  }
  return records;
}

export interface PlannedLog {
  readonly segments: readonly (PendingRef & { readonly from: number; readonly to: number; readonly count: number })[];
  readonly scheduled?: PendingRef;
  readonly sequence: number;
  readonly lastAt: number;
}

/**
 * The log with `records` (of publish `sequence`) appended. Pieces are read back from `source` only to merge the
 * tail; sealed pieces (sealedSegmentRecords records) are named again as they are.
 */
export async function appendToLog(
  log: StoredChangeLog,
  records: readonly ChangeRecord[],
  sequence: number,
  pieces: PieceStore,
  source: ArchiveSource | undefined,
): Promise<PlannedLog> {
  const at = records[0]?.at ?? log.lastAt;
  if (records.length === 0) {
    return {
      segments: log.segments.map((segment) => ({
        ref: segment,
        from: segment.from,
        to: segment.to,
        count: segment.count,
      })),
      ...(log.scheduled ? { scheduled: { ref: log.scheduled } } : {}),
      sequence: log.sequence,
      lastAt: log.lastAt,
    };
  }
  type Working = {
    readonly from: number;
    readonly to: number;
    readonly count: number;
    records?: StoredChange[];
    readonly ref?: LogSegment;
  };
  const segments: Working[] = log.segments.map((segment) => ({
    from: segment.from,
    to: segment.to,
    count: segment.count,
    ref: segment,
  }));
  const fresh = records.map(toStored);
  for (let start = 0; start < fresh.length; start += sealedSegmentRecords) {
    const chunk = fresh.slice(start, start + sealedSegmentRecords);
    segments.push({ from: sequence, to: sequence, count: chunk.length, records: chunk });
  }
  const recordsOf = async (segment: Working): Promise<StoredChange[]> =>
    segment.records ?? (segment.ref ? readSegment(segment.ref, source) : []);
  // Merge the tail while the two last pieces are unsealed and of like size (the piece before at most twice the last).
  for (;;) {
    const last = segments.at(-1);
    const before = segments.at(-2);
    if (!last || !before || before.count >= sealedSegmentRecords || last.count >= sealedSegmentRecords) break;
    if (before.count > 2 * last.count) break;
    const merged = [...(await recordsOf(before)), ...(await recordsOf(last))];
    segments.splice(-2, 2, ...chunksOf(merged));
  }
  const planned: PlannedLog['segments'][number][] = [];
  for (const segment of segments) {
    const ref = segment.records
      ? await pieces.put(segment.records.map((meta) => ({ meta, bytes: new Uint8Array() })))
      : { ref: segment.ref as PieceRef };
    planned.push({ ...ref, from: segment.from, to: segment.to, count: segment.count });
  }
  const scheduled = await scheduledPiece(log, fresh, pieces, source);
  return { segments: planned, ...(scheduled ? { scheduled } : {}), sequence, lastAt: Math.max(at, log.lastAt) };
}

/** The log as the root stores it, once every new piece's pack is sealed. */
export function resolveLog(log: PlannedLog): StoredChangeLog {
  return {
    sequence: log.sequence,
    lastAt: log.lastAt,
    segments: log.segments.map((segment) => ({
      ...resolveRef(segment),
      from: segment.from,
      to: segment.to,
      count: segment.count,
    })),
    ...(log.scheduled ? { scheduled: resolveRef(log.scheduled) } : {}),
  };
}

/** Records in pieces of at most sealedSegmentRecords, each piece naming the publishes it spans. */
function chunksOf(records: readonly StoredChange[]) {
  const chunks: { from: number; to: number; count: number; records: StoredChange[] }[] = [];
  for (let start = 0; start < records.length; start += sealedSegmentRecords) {
    const chunk = records.slice(start, start + sealedSegmentRecords);
    chunks.push({ from: chunk[0]?.[3] ?? 0, to: chunk.at(-1)?.[3] ?? 0, count: chunk.length, records: chunk });
  }
  return chunks;
}

/** The scheduled records, old and new, by release then id; the old piece again when nothing new is scheduled. */
async function scheduledPiece(
  log: StoredChangeLog,
  fresh: readonly StoredChange[],
  pieces: PieceStore,
  source: ArchiveSource | undefined,
): Promise<PendingRef | undefined> {
  const added = fresh.filter((record) => record[5] > record[4]);
  if (added.length === 0) return log.scheduled ? { ref: log.scheduled } : undefined;
  const all = [...(log.scheduled ? await readSegment(log.scheduled, source) : []), ...added].sort(
    (a, b) => a[5] - b[5] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  return pieces.put(all.map((meta) => ({ meta, bytes: new Uint8Array() })));
}

async function readSegment(ref: PieceRef, source: ArchiveSource | undefined): Promise<StoredChange[]> {
  if (source === undefined) throw new Error('the changes log cannot be merged without reading the archive');
  const bytes = await source.range(ref.o, ref.at, ref.n);
  if (bytes === undefined) throw new StoredFileError(pieceLabel(ref), 'is missing');
  return (await decodePiece(bytes, pieceLabel(ref), isStoredChange)).records.map((record) => record.meta);
}
