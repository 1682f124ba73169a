/** The Worker's `queue` handler: each batch to the consumer of its queue (wrangler.toml `[[queues.consumers]]`). */
import { handleDeadLetterBatch } from './dead-letters.ts';
import { handleWebhookBatch, logLine } from './deliver.ts';
import type { WebhookEnv } from './webhook-message.ts';

/** The queues this Worker consumes, by their names in wrangler.toml. */
export const webhookQueues = { deliveries: 'wirefeed-webhooks', deadLetters: 'wirefeed-webhooks-dead' } as const;

/** Mount as `queue` in the Worker's default export. A batch from a queue it does not know is retried, not lost. */
export async function handleQueue(batch: MessageBatch<unknown>, env: WebhookEnv): Promise<void> {
  if (batch.queue === webhookQueues.deliveries) return handleWebhookBatch(batch, env);
  if (batch.queue === webhookQueues.deadLetters) return handleDeadLetterBatch(batch, env);
  logLine({ event: 'queue_unknown', queue: batch.queue, messages: batch.messages.length });
  batch.retryAll();
}
