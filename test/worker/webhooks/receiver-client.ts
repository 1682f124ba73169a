/** The worker tests' side of the webhook receiver: URLs of fresh inboxes, what an inbox got, and queue messages. */
import { createExecutionContext, createMessageBatch, getQueueResult, type QueueResult } from 'cloudflare:test';
import { inject, vi } from 'vitest';
import { newWebhookId, type WebhookMessage } from '../../../src/worker/webhooks/webhook-message.ts';
import type { ReceivedWebhook } from './receiver.ts';
import { testSecretName } from './test-secret.ts';

export const receiverOrigin = `http://127.0.0.1:${inject('webhookReceiverPort')}`;

/** A name no other test uses, for an inbox of the receiver and a partner id. */
export function uniqueName(label: string): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}`;
}

export function hookUrl(inbox: string, behaviour: string, origin = receiverOrigin): string {
  return `${origin}/hooks/${inbox}/${behaviour}`;
}

export async function receivedBy(inbox: string): Promise<ReceivedWebhook[]> {
  const response = await fetch(`${receiverOrigin}/records/${inbox}`);
  return (await response.json()) as ReceivedWebhook[];
}

export const changesBody = JSON.stringify({
  changes: [
    {
      id: 'c1',
      event: 'published',
      slug: 'a',
      url: 'https://wire.example/articles/a',
      ninjs: {},
      at: '2025-07-16T00:00:00Z',
    },
  ],
  next: 'cursor-1',
});

/** A queue message as enqueueDeliveries makes it. */
export function webhookMessage(fields: Partial<WebhookMessage> & { url: string }): WebhookMessage {
  return {
    webhookId: newWebhookId(),
    partnerId: uniqueName('partner'),
    secretName: testSecretName,
    body: changesBody,
    enqueuedAt: new Date().toISOString(),
    ...fields,
  };
}

/** What a handler did with a batch: the integration's `QueueResult`, and the delay asked of each retry. */
export interface BatchOutcome extends QueueResult {
  /** `retry({ delaySeconds })` as called; the integration's `retryMessages` leaves `delaySeconds` out (1.5.0). */
  readonly retryDelays: readonly { msgId: string; delaySeconds: number | undefined }[];
}

/** Runs `handler` on a batch the vitest integration makes for `queue`, and returns what it acked and retried. */
export async function runBatch(
  queue: string,
  messages: readonly { id: string; body: unknown; attempts?: number }[],
  handler: (batch: MessageBatch<unknown>) => Promise<void>,
): Promise<BatchOutcome> {
  const batch = createMessageBatch(
    queue,
    messages.map(({ id, body, attempts = 1 }) => ({ id, timestamp: new Date(), attempts, body })),
  );
  const retryDelays: { msgId: string; delaySeconds: number | undefined }[] = [];
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    // Watches the call and passes it on: the integration's message still records the retry.
    vi.spyOn(message, 'retry').mockImplementation((options) => {
      retryDelays.push({ msgId: message.id, delaySeconds: options?.delaySeconds });
      retry(options);
    });
  }
  const context = createExecutionContext();
  await handler(batch);
  return { ...(await getQueueResult(batch, context)), retryDelays };
}
