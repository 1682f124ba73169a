/** The `wirefeed-webhooks-dead` consumer, which records each delivery the queue gave up on, and the read side. */
import { logLine } from './deliver.ts';
import { listDeadLetters, recordDeadLetter } from './delivery-records.ts';
import { partnerIdPattern, readWebhookMessage, type WebhookEnv } from './webhook-message.ts';

/**
 * Records every message the queue moved here after its last retry as a dead letter in R2, with what its attempt
 * notes say. A message that cannot be read is logged and dropped; a storage error retries (this queue's own
 * `max_retries`), and is never a crash.
 */
export async function handleDeadLetterBatch(batch: MessageBatch<unknown>, env: Pick<WebhookEnv, 'ARCHIVE'>) {
  await Promise.all(
    batch.messages.map(async (message) => {
      const webhook = readWebhookMessage(message.body);
      if (webhook === undefined) {
        logLine({ event: 'webhook_malformed', messageId: message.id, queue: batch.queue });
        message.ack();
        return;
      }
      try {
        const key = await recordDeadLetter(env.ARCHIVE, webhook, 'retries exhausted');
        logLine({ event: 'webhook_dead_letter', partner: webhook.partnerId, webhookId: webhook.webhookId, key });
        message.ack();
      } catch (error) {
        logLine({ event: 'webhook_storage_error', error: String(error).slice(0, 300) });
        message.retry();
      }
    }),
  );
}

const defaultLimit = 100;
const maxLimit = 1000;

/**
 * `GET …?partner=<id>&limit=<1..1000>`: dead letters as JSON, newest first (`{"deadLetters": [...]}`). It holds
 * partner URLs and is for the publisher: mount it behind the publish endpoint's authentication
 * (`/api/publish/deliveries`, which `npm run partners -- deliveries` reads). A malformed query is 400.
 */
export async function deadLettersResponse(url: URL, bucket: R2Bucket): Promise<Response> {
  const partner = url.searchParams.get('partner') ?? undefined;
  const limitText = url.searchParams.get('limit');
  const limit = limitText === null ? defaultLimit : Number(limitText);
  const headers = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' };
  if (partner !== undefined && !partnerIdPattern.test(partner))
    return Response.json({ error: 'partner must be [a-z0-9-]+' }, { status: 400, headers });
  if (limitText !== null && (!/^\d{1,4}$/.test(limitText) || limit < 1 || limit > maxLimit))
    return Response.json({ error: `limit must be 1 to ${maxLimit}` }, { status: 400, headers });
  const deadLetters = await listDeadLetters(bucket, { ...(partner === undefined ? {} : { partner }), limit });
  return Response.json({ deadLetters }, { headers });
}
