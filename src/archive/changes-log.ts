/**
 * The changes log in the archive: every publish (and rollback) appends its records and never rewrites one, so a
 * partner's cursor holds across publishes and rollbacks. Every root names the whole log: records in pieces of
 * consecutive publishes (a few large sealed pieces and a short tail, merged as the log grows, so a root names
 * O(log n) small pieces and a publish writes a small one), and the records whose release was still ahead when
 * they were written, by release instant, for what a release makes public later.
 */
import type { ChangeEvent, ChangeRecord } from '../model/change-log.ts';
import type { MetaCheck } from './record-file.ts';
import type { PieceRef } from './root.ts';

/** A record as stored: `[id, event, slug, seq, at, release, sections]`. */
export type StoredChange = readonly [
  id: string,
  event: ChangeEvent,
  slug: string,
  seq: number,
  at: number,
  release: number,
  sections: readonly string[],
];

/** A piece of the log: the records of publishes `from` to `to` (inclusive), `count` of them. */
export interface LogSegment extends PieceRef {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

export interface StoredChangeLog {
  /** The newest publish with records in the log (0: none yet). */
  readonly sequence: number;
  /** `at` of the newest records: a later publish's are never earlier. */
  readonly lastAt: number;
  /** Ascending by publish. */
  readonly segments: readonly LogSegment[];
  /** Every record written before its release (release > at), by release: what a release makes public. */
  readonly scheduled?: PieceRef;
}

export const emptyChangeLog: StoredChangeLog = { sequence: 0, lastAt: 0, segments: [] };

/** Records a sealed piece holds: it is never merged again. */
export const sealedSegmentRecords = 4096;

export function toStored(record: ChangeRecord): StoredChange {
  return [record.id, record.event, record.slug, record.seq, record.at, record.release, record.sections];
}

export function fromStored(stored: StoredChange): ChangeRecord {
  const [id, event, slug, seq, at, release, sections] = stored;
  return { id, event, slug, seq, at, release, sections };
}

const events = new Set(['published', 'updated', 'corrected', 'retracted']);

export const isStoredChange: MetaCheck<StoredChange> = (meta): meta is StoredChange =>
  Array.isArray(meta) &&
  meta.length === 7 &&
  typeof meta[0] === 'string' &&
  events.has(meta[1]) &&
  typeof meta[2] === 'string' &&
  [meta[3], meta[4], meta[5]].every((value) => Number.isSafeInteger(value)) &&
  Array.isArray(meta[6]) &&
  meta[6].every((section: unknown) => typeof section === 'string');
