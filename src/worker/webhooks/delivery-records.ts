/**
 * Webhook bookkeeping in the ARCHIVE bucket: a note per failed attempt (`deliveries/attempts/<webhook-id>/`), kept
 * only until the delivery succeeds or is given up, and a dead-letter record per delivery given up
 * (`deliveries/dead/<partner>/<iso-time>-<webhook-id>.json`). A queue retry carries no state of its own, so the
 * notes are what lets the record say how many attempts were made, when, and how the last one failed.
 * Nothing here holds a secret or a signature.
 */
import { utf8Length } from '../../shared/utf8.ts';
import type { WebhookMessage } from './webhook-message.ts';

/** How one attempt ended: the receiver's status, or why there was none. */
export type AttemptOutcome = { readonly status: number } | { readonly error: string };

/** A failed attempt (any status but 2xx, or an error), as noted in R2. */
export type FailedAttempt = AttemptOutcome & {
  /** `Message.attempts` of that attempt (1-based). */
  readonly attempt: number;
  /** When it was made (RFC 3339). */
  readonly at: string;
};

/** A delivery given up: what the publisher reads with `npm run partners -- deliveries`. */
export interface DeadLetter {
  readonly partner: string;
  readonly url: string;
  readonly webhookId: string;
  /** `retries exhausted` (the queue's dead-letter path) or `not retryable: …` (refused target, missing secret). */
  readonly reason: string;
  /** Attempts made: the number of the last one noted (0 when none was: e.g. the consumer failed before noting). */
  readonly attempts: number;
  readonly lastStatus?: number;
  readonly lastError?: string;
  readonly firstAttemptAt?: string;
  readonly lastAttemptAt?: string;
  readonly enqueuedAt: string;
  /** When it was given up (RFC 3339); also the time in its key. */
  readonly deadAt: string;
  /** The size of the body that was not delivered, in bytes. */
  readonly bodyBytes: number;
}

export const deadLetterPrefix = 'deliveries/dead/';
const attemptPrefix = 'deliveries/attempts/';

const attemptKey = (webhookId: string, attempt: number) =>
  `${attemptPrefix}${webhookId}/${String(attempt).padStart(3, '0')}.json`;

/** Notes one failed attempt. */
export async function noteFailedAttempt(bucket: R2Bucket, webhookId: string, failure: FailedAttempt): Promise<void> {
  await bucket.put(attemptKey(webhookId, failure.attempt), JSON.stringify(failure), jsonMetadata);
}

/** Drops the notes of attempts before `attempt` (the one that succeeded), by key: no listing needed. */
export async function forgetFailedAttempts(bucket: R2Bucket, webhookId: string, attempt: number): Promise<void> {
  const keys = Array.from({ length: attempt - 1 }, (_, index) => attemptKey(webhookId, index + 1));
  if (keys.length > 0) await bucket.delete(keys);
}

/**
 * Gives a delivery up: reads its attempt notes (plus `last`, an attempt not noted yet), writes its dead-letter
 * record, then drops the notes. Returns the record's key. Throws when R2 does (the caller then retries).
 */
export async function recordDeadLetter(
  bucket: R2Bucket,
  message: WebhookMessage,
  reason: string,
  last?: FailedAttempt,
): Promise<string> {
  const noted = await readFailedAttempts(bucket, message.webhookId);
  const attempts = [...noted.filter((note) => note.attempt !== last?.attempt), ...(last ? [last] : [])].sort(
    (a, b) => a.attempt - b.attempt,
  );
  const first = attempts[0];
  const final = attempts.at(-1);
  const deadAt = new Date().toISOString();
  const record: DeadLetter = {
    partner: message.partnerId,
    url: message.url,
    webhookId: message.webhookId,
    reason,
    attempts: final?.attempt ?? 0,
    ...(final && 'status' in final ? { lastStatus: final.status } : {}),
    ...(final && 'error' in final ? { lastError: final.error } : {}),
    ...(first ? { firstAttemptAt: first.at } : {}),
    ...(final ? { lastAttemptAt: final.at } : {}),
    enqueuedAt: message.enqueuedAt,
    deadAt,
    bodyBytes: utf8Length(message.body),
  };
  const key = `${deadLetterPrefix}${message.partnerId}/${deadAt}-${message.webhookId}.json`;
  await bucket.put(key, JSON.stringify(record), jsonMetadata);
  if (noted.length > 0) await bucket.delete(noted.map((note) => attemptKey(message.webhookId, note.attempt)));
  return key;
}

/** The noted failed attempts of one delivery, in no particular order (unreadable notes are skipped). */
async function readFailedAttempts(bucket: R2Bucket, webhookId: string): Promise<FailedAttempt[]> {
  const listed = await bucket.list({ prefix: `${attemptPrefix}${webhookId}/` });
  const notes = await Promise.all(listed.objects.map((object) => readJson(bucket, object.key)));
  return notes.filter(isFailedAttempt);
}

/** Dead letters, newest first: every partner's, or one partner's; at most `limit`. */
export async function listDeadLetters(
  bucket: R2Bucket,
  { partner, limit }: { partner?: string; limit: number },
): Promise<DeadLetter[]> {
  const prefix = partner === undefined ? deadLetterPrefix : `${deadLetterPrefix}${partner}/`;
  const keys: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix, ...(cursor === undefined ? {} : { cursor }) });
    keys.push(...page.objects.map((object) => object.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor !== undefined);
  // The key's last segment starts with the time given up, so sorting on it is newest first across partners.
  const newest = keys.sort((a, b) => lastSegment(b).localeCompare(lastSegment(a))).slice(0, limit);
  const records = await Promise.all(newest.map((key) => readJson(bucket, key)));
  return records.filter((record): record is DeadLetter => typeof record === 'object' && record !== null);
}

const jsonMetadata: R2PutOptions = { httpMetadata: { contentType: 'application/json; charset=utf-8' } };

function lastSegment(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

async function readJson(bucket: R2Bucket, key: string): Promise<unknown> {
  const object = await bucket.get(key);
  if (object === null) return undefined;
  try {
    return JSON.parse(await object.text());
  } catch {
    return undefined;
  }
}

function isFailedAttempt(value: unknown): value is FailedAttempt {
  if (typeof value !== 'object' || value === null) return false;
  const note = value as Record<string, unknown>;
  return (
    Number.isSafeInteger(note.attempt) &&
    typeof note.at === 'string' &&
    (typeof note.status === 'number' || typeof note.error === 'string')
  );
}
