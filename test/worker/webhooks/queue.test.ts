// Through wrangler's local Queues simulation: enqueueDeliveries sends on the WEBHOOKS producer, and the Worker's own
// queue handler (src/index.ts) consumes wirefeed-webhooks and its dead-letter queue. vitest.config.ts sets
// max_retries 0 for the simulated queue, so a failure reaches the dead-letter queue without a real 30 s wait.
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { deliveryFits, enqueueDeliveries, maxMessageBytes } from '../../../src/worker/webhooks/deliver.ts';
import type { DeadLetter } from '../../../src/worker/webhooks/delivery-records.ts';
import type { Delivery } from '../../../src/worker/webhooks/webhook-message.ts';
import { changesBody, hookUrl, receivedBy, uniqueName } from './receiver-client.ts';
import { testSecretName } from './test-secret.ts';

const waitLong = { timeout: 10_000, interval: 50 };
const testTimeout = 20_000;

function delivery(fields: Partial<Delivery> & { url: string }): Delivery {
  return { partnerId: uniqueName('partner'), secretName: testSecretName, body: changesBody, ...fields };
}

/** The real WEBHOOKS binding, with the size of each `sendBatch` call noted in `batches` on the way. */
function watchedQueue(batches: number[]): Queue {
  return {
    send: (body, options) => env.WEBHOOKS.send(body, options),
    metrics: () => env.WEBHOOKS.metrics(),
    sendBatch: (messages, options) => {
      const list = [...messages];
      batches.push(list.length);
      return env.WEBHOOKS.sendBatch(list, options);
    },
  };
}

describe('webhooks through the local queue', () => {
  it(
    'a delivery enqueued at publish time reaches the receiver, signed, with the webhook-id it was given',
    async () => {
      const inbox = uniqueName('e2e');
      const { queued, refused } = await enqueueDeliveries(env, [delivery({ url: hookUrl(inbox, 'ok') })]);
      expect(refused).toEqual([]);
      const [request] = await vi.waitUntil(async () => {
        const received = await receivedBy(inbox);
        return received.length > 0 ? received : undefined;
      }, waitLong);
      expect(request?.verification).toBe('ok');
      expect(request?.body).toBe(changesBody);
      expect(request?.headers['webhook-id']).toBe(queued[0]?.webhookId);
    },
    testTimeout,
  );

  it(
    'a delivery that keeps failing is moved to the dead-letter queue and recorded in R2',
    async () => {
      const inbox = uniqueName('e2e-down');
      const partnerId = uniqueName('down');
      const { queued } = await enqueueDeliveries(env, [delivery({ partnerId, url: hookUrl(inbox, 'always-500') })]);
      const key = await vi.waitUntil(async () => {
        const listed = await env.ARCHIVE.list({ prefix: `deliveries/dead/${partnerId}/` });
        return listed.objects[0]?.key;
      }, waitLong);
      const record = (await (await env.ARCHIVE.get(key))?.json()) as DeadLetter;
      expect(record).toMatchObject({
        partner: partnerId,
        webhookId: queued[0]?.webhookId,
        reason: 'retries exhausted',
        attempts: 1,
        lastStatus: 500,
      });
      expect(await receivedBy(inbox)).toHaveLength(1);
    },
    testTimeout,
  );
});

describe('enqueueDeliveries', () => {
  it(
    'refuses what could never be delivered, says why, and queues the rest',
    async () => {
      const inbox = uniqueName('mixed');
      const good = delivery({ url: hookUrl(inbox, 'ok') });
      const { queued, refused } = await enqueueDeliveries(env, [
        delivery({ partnerId: 'bad', url: 'ftp://files.example/hook' }),
        good,
        delivery({ partnerId: 'huge', url: hookUrl(inbox, 'ok'), body: 'x'.repeat(maxMessageBytes) }),
        delivery({ partnerId: 'Not_An_Id', url: hookUrl(inbox, 'ok') }),
        delivery({ partnerId: 'secretless', url: hookUrl(inbox, 'ok'), secretName: 'lower-case' }),
      ]);
      expect(queued.map((item) => item.partnerId)).toEqual([good.partnerId]);
      expect(queued[0]?.webhookId).toMatch(/^msg_[0-9a-f]{32}$/);
      expect(refused).toEqual([
        { partnerId: 'bad', reason: 'URL refused: scheme ftp: is not https: or http:' },
        {
          partnerId: 'huge',
          reason: expect.stringMatching(/^message of \d+ bytes is over the queue's 126000; send the changes in pages$/),
        },
        { partnerId: 'Not_An_Id', reason: 'partner id is not [a-z0-9-]+' },
        { partnerId: 'secretless', reason: 'secret name is not a Worker secret name' },
      ]);
      await vi.waitUntil(async () => (await receivedBy(inbox)).length === 1, waitLong);
    },
    testTimeout,
  );

  it('in production refuses a loopback URL at once: nothing is queued, nothing is sent', async () => {
    const inbox = uniqueName('prod');
    const sent: number[] = [];
    const production = { WEBHOOKS: watchedQueue(sent) };
    const { queued, refused } = await enqueueDeliveries(production, [
      delivery({ partnerId: 'acme', url: hookUrl(inbox, 'ok') }),
    ]);
    expect(queued).toEqual([]);
    expect(refused).toEqual([{ partnerId: 'acme', reason: 'URL refused: scheme http: is not https:' }]);
    expect(sent).toEqual([]);
  });

  it('tells whether a delivery fits in one queue message', () => {
    const url = hookUrl('fits', 'ok');
    expect(deliveryFits(delivery({ url, body: 'y'.repeat(110_000) }))).toBe(true);
    expect(deliveryFits(delivery({ url, body: '"'.repeat(62_000) }))).toBe(true);
    expect(deliveryFits(delivery({ url, body: '"'.repeat(63_000) }))).toBe(false); // each " is \" in the message
    expect(deliveryFits(delivery({ url, body: '中'.repeat(41_900) }))).toBe(true); // 3 UTF-8 bytes each
    expect(deliveryFits(delivery({ url, body: '中'.repeat(42_000) }))).toBe(false);
  });

  it(
    'sends in batches the queue accepts: at most 100 messages, and well under 256 KB',
    async () => {
      const batches: number[] = [];
      const counting = { WEBHOOKS: watchedQueue(batches) };
      const inbox = uniqueName('many');
      const small = Array.from({ length: 101 }, () => delivery({ url: hookUrl(inbox, 'ok') }));
      await enqueueDeliveries({ ...counting, ALLOW_LOCAL_WEBHOOKS: '1' }, small);
      const large = Array.from({ length: 3 }, () => delivery({ url: hookUrl(inbox, 'ok'), body: 'y'.repeat(100_000) }));
      await enqueueDeliveries({ ...counting, ALLOW_LOCAL_WEBHOOKS: '1' }, large);
      expect(batches).toEqual([100, 1, 2, 1]);
      await vi.waitUntil(async () => (await receivedBy(inbox)).length === 104, waitLong);
    },
    testTimeout,
  );
});
