/** Partner webhooks through the `wirefeed-webhooks` queue: enqueue at publish time, sign and POST in the consumer. */
import { utf8Length } from '../../shared/utf8.ts';
import {
  type AttemptOutcome,
  type FailedAttempt,
  forgetFailedAttempts,
  noteFailedAttempt,
  recordDeadLetter,
} from './delivery-records.ts';
import { retryDelaySeconds } from './retry-schedule.ts';
import { signWebhook, webhookKey } from './signature.ts';
import { checkWebhookTarget, targetPolicy } from './target.ts';
import {
  type Delivery,
  newWebhookId,
  partnerIdPattern,
  readWebhookMessage,
  secretNamePattern,
  type WebhookEnv,
  type WebhookMessage,
} from './webhook-message.ts';

/** How long one attempt may take, headers included (SPEC: "10 s timeout a try"). */
export const deliveryTimeoutMs = 10_000;

/**
 * The largest queue message, in bytes of its JSON: Queues takes 128 KB (128,000 bytes) a message, about 100 of
 * them its own metadata. A body of up to about 110 KB fits (JSON escapes each `"` of it); a publish whose changes
 * are longer sends them as several deliveries, each a page of the changes endpoint (`deliveryFits` tells).
 */
export const maxMessageBytes = 126_000;
const maxUrlLength = 2048;
/** `sendBatch` takes at most 100 messages and 256 KB (256,000 bytes) a call. */
const batchLimits = { messages: 100, bytes: 250_000 } as const;

export interface EnqueueResult {
  /** Deliveries now in the queue, with the `webhook-id` each will carry on every attempt. */
  readonly queued: readonly { partnerId: string; webhookId: string }[];
  /** Deliveries not enqueued, and why (a refused URL, a body too large, a malformed id or secret name). */
  readonly refused: readonly { partnerId: string; reason: string }[];
}

/**
 * Puts each delivery in the queue with a fresh `webhook-id`; nothing waits for a partner. A delivery that could
 * never be sent is refused here and logged (`webhook_refused`), without holding up the others. Throws only when
 * the queue itself refuses a batch (then none of that batch is queued, and the caller should try again).
 */
export async function enqueueDeliveries(
  env: Pick<WebhookEnv, 'WEBHOOKS' | 'ALLOW_LOCAL_WEBHOOKS'>,
  deliveries: readonly Delivery[],
): Promise<EnqueueResult> {
  const policy = targetPolicy(env);
  const enqueuedAt = new Date().toISOString();
  const messages: WebhookMessage[] = [];
  const refused: { partnerId: string; reason: string }[] = [];
  for (const delivery of deliveries) {
    const { partnerId, url, secretName, body } = delivery;
    const message = { webhookId: newWebhookId(), partnerId, url, secretName, body, enqueuedAt };
    const reason = deliveryProblem(delivery, policy) ?? sizeProblem(message);
    if (reason === undefined) messages.push(message);
    else {
      refused.push({ partnerId, reason });
      logLine({ event: 'webhook_refused', partner: partnerId, reason });
    }
  }
  for (const batch of batches(messages))
    await env.WEBHOOKS.sendBatch(batch.map((message) => ({ body: message, contentType: 'json' })));
  return { queued: messages.map(({ partnerId, webhookId }) => ({ partnerId, webhookId })), refused };
}

/** Whether a delivery fits in one queue message; when it does not, send its changes in smaller pages. */
export function deliveryFits(delivery: Delivery): boolean {
  const { partnerId, url, secretName, body } = delivery;
  const sample = { webhookId: newWebhookId(), partnerId, url, secretName, body, enqueuedAt: new Date().toISOString() };
  return sizeProblem(sample) === undefined;
}

function deliveryProblem(delivery: Delivery, policy: ReturnType<typeof targetPolicy>): string | undefined {
  if (!partnerIdPattern.test(delivery.partnerId)) return 'partner id is not [a-z0-9-]+';
  if (!secretNamePattern.test(delivery.secretName)) return 'secret name is not a Worker secret name';
  if (delivery.url.length > maxUrlLength) return `URL longer than ${maxUrlLength} characters`;
  const target = checkWebhookTarget(delivery.url, policy);
  return target.ok ? undefined : `URL refused: ${target.reason}`;
}

/** Messages go as JSON (`contentType: 'json'`), so their size is exactly that of their JSON text. */
const messageBytes = (message: WebhookMessage) => utf8Length(JSON.stringify(message));

function sizeProblem(message: WebhookMessage): string | undefined {
  const bytes = messageBytes(message);
  return bytes > maxMessageBytes
    ? `message of ${bytes} bytes is over the queue's ${maxMessageBytes}; send the changes in pages`
    : undefined;
}

/** Messages cut into `sendBatch` calls within the queue's count and size limits. */
function batches(messages: readonly WebhookMessage[]): WebhookMessage[][] {
  const result: WebhookMessage[][] = [];
  let current: WebhookMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (current.length === batchLimits.messages || bytes + size > batchLimits.bytes) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

export interface DeliveryOptions {
  /** Milliseconds an attempt may take before it is abandoned and retried. @default 10_000 */
  readonly timeoutMs?: number;
}

/**
 * The `wirefeed-webhooks` consumer. Every message of the batch is delivered at once, each on its own, so one slow
 * or failing partner holds up no other: 2xx acks; any other answer (3xx included: redirects are not followed),
 * a network error or the timeout retries with `retryDelaySeconds`; a target the SSRF guard refuses or a secret
 * that is missing or malformed is given up at once (recorded as a dead letter, acked). Never throws.
 */
export async function handleWebhookBatch(
  batch: MessageBatch<unknown>,
  env: WebhookEnv,
  options: DeliveryOptions = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? deliveryTimeoutMs;
  await Promise.all(batch.messages.map((message) => deliverMessage(message, env, timeoutMs)));
}

async function deliverMessage(message: Message<unknown>, env: WebhookEnv, timeoutMs: number): Promise<void> {
  const webhook = readWebhookMessage(message.body);
  if (webhook === undefined) {
    // Not something enqueueDeliveries made: nothing could ever send it.
    logLine({ event: 'webhook_malformed', messageId: message.id });
    message.ack();
    return;
  }
  const attempt = message.attempts;
  try {
    const target = checkWebhookTarget(webhook.url, targetPolicy(env));
    if (!target.ok) return await giveUp(message, webhook, env, `target refused: ${target.reason}`);
    const secret: unknown = Reflect.get(env, webhook.secretName);
    const key = typeof secret === 'string' ? webhookKey(secret) : undefined;
    if (key === undefined) {
      const problem = typeof secret === 'string' ? 'is not a whsec_ secret of 24 to 64 bytes' : 'is not set';
      return await giveUp(message, webhook, env, `secret ${webhook.secretName} ${problem}`);
    }
    const at = new Date();
    const outcome = await post(target.url, webhook, key, at, timeoutMs);
    logAttempt(webhook, attempt, outcome);
    if ('status' in outcome && outcome.status >= 200 && outcome.status <= 299) {
      message.ack();
      if (attempt > 1) await forgetFailedAttempts(env.ARCHIVE, webhook.webhookId, attempt).catch(logStorageError);
      return;
    }
    await noteFailedAttempt(env.ARCHIVE, webhook.webhookId, { ...outcome, attempt, at: at.toISOString() }).catch(
      logStorageError,
    );
    message.retry({ delaySeconds: retryDelaySeconds(attempt) });
  } catch (error) {
    // Only storage can get here (giveUp's record); the message stays in the queue and is tried again.
    logStorageError(error);
    message.retry({ delaySeconds: retryDelaySeconds(attempt) });
  }
}

/** One attempt: signed with this attempt's timestamp, redirects not followed, abandoned after `timeoutMs`. */
async function post(
  url: URL,
  webhook: WebhookMessage,
  key: Uint8Array,
  at: Date,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const timestamp = Math.floor(at.getTime() / 1000);
  const body = new TextEncoder().encode(webhook.body);
  const signature = await signWebhook(key, { id: webhook.webhookId, timestamp, body });
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'wirefeed-webhooks/1', ...signature },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { error: timedOut ? `timed out after ${timeoutMs} ms` : errorText(error) };
  }
}

/** A delivery that no retry can help: logged as this attempt, recorded as a dead letter, acked. */
async function giveUp(message: Message<unknown>, webhook: WebhookMessage, env: WebhookEnv, cause: string) {
  logAttempt(webhook, message.attempts, { error: cause });
  const failed: FailedAttempt = { error: cause, attempt: message.attempts, at: new Date().toISOString() };
  const key = await recordDeadLetter(env.ARCHIVE, webhook, `not retryable: ${cause}`, failed);
  logLine({ event: 'webhook_dead_letter', partner: webhook.partnerId, webhookId: webhook.webhookId, key });
  message.ack();
}

/** The one line per attempt: partner, id, attempt number, and the status or the error; never a secret or signature. */
function logAttempt(webhook: WebhookMessage, attempt: number, outcome: AttemptOutcome): void {
  logLine({ event: 'webhook_attempt', partner: webhook.partnerId, webhookId: webhook.webhookId, attempt, ...outcome });
}

export function logLine(fields: Record<string, unknown>): void {
  console.log(JSON.stringify(fields));
}

function logStorageError(error: unknown): void {
  logLine({ event: 'webhook_storage_error', error: errorText(error) });
}

function errorText(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
}
