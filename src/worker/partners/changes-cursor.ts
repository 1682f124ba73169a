/** The changes cursor: what a viewer has been given, as opaque, versioned base64url text, and its strict reader. */
import { keyHash } from '../../model/source-key.ts';

/**
 * A delivered set: every record with `seq <= seq` and `release <= time`, and every record with `seq <= embargoSeq`
 * whatever its release (what an embargo-entitled viewer was given early). It only grows: the log is
 * append-only and a publish's records are all there once it is live, so "seq <= S" names a fixed set.
 */
export interface Delivered {
  readonly seq: number;
  /** Milliseconds. */
  readonly time: number;
  /** `<= seq`; equal to it for an embargo-entitled viewer, left behind by one that sees releases only. */
  readonly embargoSeq: number;
}

/** A record's place in a delta's order: when the viewer could first see it, then seq, then id. */
export interface ChangePosition {
  readonly visibleAt: number;
  readonly seq: number;
  readonly id: string;
}

/** A delta (target minus base) being handed out a page at a time. */
export interface Paging {
  /** The delta's end; its `embargoSeq` is `seq` when `entitled`, else the base's. */
  readonly target: { readonly seq: number; readonly time: number };
  /** The delta was cut for an embargo-entitled viewer (its order and its records differ from the public's). */
  readonly entitled: boolean;
  /** Every record of the delta with a seq above the base's and below this one has been given. */
  readonly floorSeq: number;
  /** The last record given; the rest of the delta comes after it. */
  readonly after: ChangePosition;
}

export interface CursorState {
  readonly base: Delivered;
  readonly paging?: Paging;
}

export type CursorReading =
  | { readonly ok: true; readonly state: CursorState }
  | { readonly ok: false; readonly reason: string };

/** The cursor of a viewer given nothing yet. */
export const startState: CursorState = { base: { seq: 0, time: 0, embargoSeq: 0 } };

const version = '1';
/** The last millisecond a Date can hold (ECMA-262 §21.4.1.22). */
export const maxTime = 8_640_000_000_000_000;
/** The longest change id a cursor carries (model/change-log.ts). */
export const maxIdLength = 512;
/** Base64url text of the longest cursor: a version, a check, 8 numbers, a mode and an id (UTF-8), with dots. */
const maxCursorLength = 4 * Math.ceil((4 + 9 + 9 * 17 + 2 + 4 * maxIdLength) / 3);
const canonicalNumber = /^(?:0|[1-9][0-9]{0,15})$/;

/**
 * `1.C.S.T.E` (a delivered set) or `1.C.S.T.E.S2.T2.m.F.v.s.id` (paging the delta from it to (S2, T2); m is `e`
 * for an entitled delta, `p` otherwise; the last record given is (v, s, id)), as base64url of its UTF-8. C is
 * a check of the rest (8 hex digits of `keyHash`): a cursor cut short or mistyped is refused, not misread.
 */
export function encodeCursor(state: CursorState): string {
  const { base, paging } = state;
  const fields: (string | number)[] = [base.seq, base.time, base.embargoSeq];
  if (paging) {
    const { target, entitled, floorSeq, after } = paging;
    // A longer id would make a cursor decodeCursor refuses: a broken log, said loudly rather than as 400s.
    if (after.id.length === 0 || after.id.length > maxIdLength)
      throw new RangeError(`change ids are 1 to ${maxIdLength} characters long; got ${after.id.length}`);
    fields.push(target.seq, target.time, entitled ? 'e' : 'p', floorSeq, after.visibleAt, after.seq, after.id);
  }
  const payload = fields.join('.');
  return base64url(new TextEncoder().encode(`${version}.${check(payload)}.${payload}`));
}

/**
 * The state a cursor of ours encodes, or why the text is none: not base64url, not UTF-8, another version, a
 * failed check, a number not written plainly or out of range, fields that contradict each other. Only the
 * exact text `encodeCursor` writes is accepted, so two texts never mean one state. The check is no secret: a
 * forged cursor can only hide from its holder what it would otherwise get, as readChanges never gives a record
 * the viewer may not see now, whatever the cursor says.
 */
export function decodeCursor(text: string): CursorReading {
  const malformed = {
    ok: false,
    reason: 'since is not a cursor this API gave out; leave it out to start again',
  } as const;
  if (text.length === 0 || text.length > maxCursorLength || !/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1)
    return malformed;
  let plain: string;
  try {
    plain = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(unbase64url(text));
  } catch {
    return malformed;
  }
  const [written, checked, ...fields] = plain.split('.');
  if (written !== version)
    return /^[0-9]{1,3}$/.test(written ?? '') && fields.length >= 3
      ? { ok: false, reason: `since is a cursor of version ${written}, which this API no longer reads; start again` }
      : malformed;
  if (checked !== check(fields.join('.'))) return malformed;
  const state = stateOf(fields);
  return state !== undefined && encodeCursor(state) === text ? { ok: true, state } : malformed;
}

function check(payload: string): string {
  return keyHash(payload).slice(0, 8);
}

/** The state the fields after the version and check give, when they are canonical and consistent. */
function stateOf(fields: readonly string[]): CursorState | undefined {
  if (fields.length !== 3 && fields.length < 10) return undefined;
  const numbers = fields.slice(0, 5).concat(fields.slice(6, 9)).map(plainNumber);
  const [seq, time, embargoSeq, targetSeq, targetTime, floorSeq, visibleAt, afterSeq] = numbers;
  if (seq === undefined || time === undefined || embargoSeq === undefined) return undefined;
  if (time > maxTime || embargoSeq > seq) return undefined;
  const base = { seq, time, embargoSeq };
  if (fields.length === 3) return { base };
  const mode = fields[5];
  const id = fields.slice(9).join('.');
  if (targetSeq === undefined || targetTime === undefined || floorSeq === undefined) return undefined;
  if (visibleAt === undefined || afterSeq === undefined || (mode !== 'e' && mode !== 'p')) return undefined;
  const consistent =
    targetSeq >= seq &&
    targetTime >= time &&
    targetTime <= maxTime &&
    floorSeq > seq &&
    floorSeq <= targetSeq + 1 &&
    visibleAt <= maxTime &&
    afterSeq >= 1 &&
    afterSeq <= targetSeq &&
    id.length > 0 &&
    id.length <= maxIdLength;
  if (!consistent) return undefined;
  const paging: Paging = {
    target: { seq: targetSeq, time: targetTime },
    entitled: mode === 'e',
    floorSeq,
    after: { visibleAt, seq: afterSeq, id },
  };
  return { base, paging };
}

/** A non-negative safe integer written plainly (no sign, no leading zero, no exponent); else undefined. */
function plainNumber(text: string | undefined): number | undefined {
  if (text === undefined || !canonicalNumber.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** RFC 4648 §5 without padding. */
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unbase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
