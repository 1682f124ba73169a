/** The changes API as a pure model: which records of the changes log a viewer gets next, oldest first, each once. */
import type { ChangeLog, ChangeRecord } from '../../model/change-log.ts';
import { type Delivered, decodeCursor, encodeCursor, startState } from './changes-cursor.ts';
import { type ChangesPage, type ChangesViewer, readPage } from './changes-page.ts';

export type { ChangeItem, ChangesViewer } from './changes-page.ts';

export interface ChangesRequest {
  /** `since`: a `next` this API gave out; absent to start from the first change. */
  readonly cursor?: string;
  /** Changes per answer, 1 to 100 (`parseLimit` reads the query's). */
  readonly limit: number;
  /** The live publish's seq as this isolate knows it. */
  readonly liveSeq: number;
  /** This isolate's clock, in milliseconds. */
  readonly now: number;
  /** Publishes read per step of a long catch-up (see readChanges). @default 64 */
  readonly stepSeqs?: number;
}

export type ChangesAnswer = ({ readonly ok: true } & ChangesPage) | BadRequest;

export interface BadRequest {
  readonly ok: false;
  readonly status: 400;
  readonly reason: string;
}

export const maxChangesLimit = 100;
/** Publishes a catch-up reads per step: a few hundred records on a busy day. */
export const defaultStepSeqs = 64;
/** Changes per answer when the query names no limit. */
export const defaultChangesLimit = 100;

const badLimit: BadRequest = {
  ok: false,
  status: 400,
  reason: `limit must be a whole number from 1 to ${maxChangesLimit}`,
};

/** The query's `limit`: absent is the default; otherwise 1 to 100 written plainly (no sign, zero, space or exponent). */
export function parseLimit(text: string | undefined): { readonly ok: true; readonly limit: number } | BadRequest {
  if (text === undefined) return { ok: true, limit: defaultChangesLimit };
  return /^[1-9][0-9]{0,2}$/.test(text) && Number(text) <= maxChangesLimit
    ? { ok: true, limit: Number(text) }
    : badLimit;
}

/**
 * The changes after `cursor` that `viewer` may see at (`liveSeq`, `now`), at most `limit`, and the cursor after
 * them. The cursor says what was given (see changes-cursor.ts); the next answer is the rest of what the viewer
 * may see now, oldest first, so following `next` from any cursor gives every later change exactly once:
 * - an isolate behind the cursor (an older live pointer, or a clock behind the one that cut it) answers nothing
 *   and the same cursor: it never goes back, and never gives early what another isolate has not yet released;
 * - an archive unchanged since the cursor answers nothing and the same cursor;
 * - a delta longer than `limit` is handed out in pages of one fixed target, so what is published or released
 *   meanwhile comes after it, never in the middle and never lost;
 * - nothing is ever given that the viewer may not see now, whatever the cursor holds.
 */
export async function readChanges(
  log: ChangeLog,
  viewer: ChangesViewer,
  request: ChangesRequest,
): Promise<ChangesAnswer> {
  const { limit, liveSeq, now } = request;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxChangesLimit) return badLimit;
  const reading =
    request.cursor === undefined ? { ok: true as const, state: startState } : decodeCursor(request.cursor);
  if (!reading.ok) return { ok: false, status: 400, reason: reading.reason };
  const { state } = reading;
  const entitled = viewer !== 'public' && viewer.embargoed;
  const reach = state.paging?.target ?? state.base;
  if (reach.seq > liveSeq || reach.time > now) return { ok: true, changes: [], next: encodeCursor(state) };

  let base = state.base;
  if (state.paging?.entitled === entitled) {
    const delta = { base, target: targetOf(base, state.paging.target, entitled), entitled };
    const page = await readPage(log, viewer, { delta, limit, resume: state.paging });
    if (page.changes.length > 0) return { ok: true, ...page };
    base = delta.target;
  }
  // (A viewer whose entitlement changed while paging a delta starts it again from its base: repeats, never losses.)
  const from = base;
  for (;;) {
    const { target, published } = await nextStep(log, base, request, entitled);
    const page = await readPage(log, viewer, { delta: { base, target, entitled }, limit, published });
    if (page.changes.length > 0) return { ok: true, ...page };
    if (target.seq >= liveSeq)
      return { ok: true, changes: [], next: encodeCursor({ base: liveSeq > from.seq ? target : from }) };
    base = target;
  }
}

/**
 * The next delta's end and the records published in it. Catching up on many publishes goes a step of
 * `stepSeqs` publishes at a time, to the archive as it was when the step's last publish went live (the latest
 * `at` it holds, never before the base nor after `now`), so a page reads a step's records, not the whole log,
 * and the history still comes oldest first. The last step goes to (liveSeq, now).
 */
async function nextStep(
  log: ChangeLog,
  base: Delivered,
  { liveSeq, now, stepSeqs = defaultStepSeqs }: ChangesRequest,
  entitled: boolean,
): Promise<{ target: Delivered; published: readonly ChangeRecord[] }> {
  const seq = Math.min(liveSeq, base.seq + Math.max(1, Math.floor(stepSeqs)));
  const published = seq > base.seq ? await log.since(base.seq, seq) : [];
  let time = now;
  if (seq < liveSeq) {
    time = base.time;
    for (const record of published) if (record.seq > base.seq && record.seq <= seq) time = Math.max(time, record.at);
    time = Math.min(time, now);
  }
  return { target: targetOf(base, { seq, time }, entitled), published };
}

/** What a viewer has been given once a delta from `base` to (seq, time) is through. */
function targetOf(base: Delivered, { seq, time }: { seq: number; time: number }, entitled: boolean): Delivered {
  return { seq, time, embargoSeq: entitled ? seq : base.embargoSeq };
}
