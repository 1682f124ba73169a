/** One page of a changes delta: the records a viewer gets between two delivered sets, in order, as API items. */
import type { ChangeEvent, ChangeLog, ChangeRecord } from '../../model/change-log.ts';
import { inPartnerSections, type Partner } from '../../model/partner.ts';
import {
  type ChangePosition,
  type CursorState,
  type Delivered,
  encodeCursor,
  maxTime,
  type Paging,
} from './changes-cursor.ts';

/** Who asks: the public (released copy of every section), or a partner (its sections; early copy when embargoed). */
export type ChangesViewer = 'public' | Pick<Partner, 'sections' | 'embargoed'>;

/** One change as the API lists it; the route adds `url` and `ninjs`. */
export interface ChangeItem {
  readonly id: string;
  readonly event: ChangeEvent;
  readonly slug: string;
  /** RFC 3339: when the viewer could first see it (the later of publish and release; the publish for early copy). */
  readonly at: string;
  /** RFC 3339 release instant, for a partner given the copy before it. */
  readonly embargoedUntil?: string;
}

export interface ChangesPage {
  readonly changes: readonly ChangeItem[];
  readonly next: string;
}

export interface Delta {
  readonly base: Delivered;
  readonly target: Delivered;
  readonly entitled: boolean;
}

/** One page of a delta to read. */
export interface PageRequest {
  readonly delta: Delta;
  readonly limit: number;
  /** Where the previous page of this delta ended. */
  readonly resume?: Pick<Paging, 'floorSeq' | 'after'>;
  /** The records of (base.seq, target.seq], when the caller has read them already. */
  readonly published?: readonly ChangeRecord[];
}

interface Entry {
  readonly record: ChangeRecord;
  readonly position: ChangePosition;
}

/**
 * One page of the delta (what the target holds and the base does not) in the viewer's sections, after
 * `resume.after` when paging. The log is read for a superset, each record then checked: records of the
 * delta's publishes from the oldest one not yet through, and, when the base left releases behind, the older
 * records released since the base's time (for an entitled viewer, any not given yet).
 */
export async function readPage(
  log: ChangeLog,
  viewer: ChangesViewer,
  { delta, limit, resume, published }: PageRequest,
): Promise<ChangesPage> {
  const { base, target, entitled } = delta;
  const fromSeq = Math.max(base.seq, (resume?.floorSeq ?? 0) - 1);
  const releasedTo = entitled ? maxTime : target.time;
  const reads = await Promise.all([
    published ?? (fromSeq < target.seq ? log.since(fromSeq, target.seq) : []),
    base.embargoSeq < base.seq && releasedTo > base.time ? log.releasedBetween(base.time, releasedTo, base.seq) : [],
  ]);
  const visibleAt = (record: ChangeRecord) => (entitled ? record.at : Math.max(record.at, record.release));
  // The log may answer more than it was asked (whole stored chunks, a record twice): each record is checked
  // against the delta, and kept once by id.
  const entries = new Map<string, Entry>();
  for (const record of reads.flat()) {
    if (!holds(target, record) || holds(base, record)) continue;
    if (viewer !== 'public' && !inPartnerSections(viewer, record.sections)) continue;
    const position = { visibleAt: visibleAt(record), seq: record.seq, id: record.id };
    if (resume === undefined || comparePositions(position, resume.after) > 0)
      entries.set(record.id, { record, position });
  }

  const ordered = [...entries.values()].sort((a, b) => comparePositions(a.position, b.position));
  const page = ordered.slice(0, limit);
  const rest = ordered.slice(limit);
  const last = page[page.length - 1];
  const changes = page.map(({ record, position }) => changeItem(record, position.visibleAt, entitled));
  if (rest.length === 0 || last === undefined) return { changes, next: encodeCursor({ base: target }) };
  // The oldest publish with a record still to give: the next page reads the log from there on.
  let floorSeq = target.seq + 1;
  for (const { record } of rest) if (record.seq > base.seq && record.seq < floorSeq) floorSeq = record.seq;
  const paging: Paging = { target, entitled, floorSeq, after: last.position };
  return { changes, next: encodeCursor({ base, paging } satisfies CursorState) };
}

/** Whether a delivered set holds the record (changes-cursor.ts `Delivered`). */
function holds(delivered: Delivered, record: ChangeRecord): boolean {
  return record.seq <= delivered.embargoSeq || (record.seq <= delivered.seq && record.release <= delivered.time);
}

/** Oldest first: when the viewer could first see it, then seq, then id (code-unit order, never locale). */
function comparePositions(a: ChangePosition, b: ChangePosition): number {
  if (a.visibleAt !== b.visibleAt) return a.visibleAt - b.visibleAt;
  if (a.seq !== b.seq) return a.seq - b.seq;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function changeItem(record: ChangeRecord, visibleAt: number, entitled: boolean): ChangeItem {
  const { id, event, slug } = record;
  const early = entitled && record.release > record.at;
  return { id, event, slug, at: rfc3339(visibleAt), ...(early ? { embargoedUntil: rfc3339(record.release) } : {}) };
}

/** RFC 3339 in UTC with milliseconds (`2025-07-16T08:00:00.000Z`): publishes are timed to the millisecond. */
function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
