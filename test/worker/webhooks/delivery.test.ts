// The wirefeed-webhooks consumer against a real HTTP receiver on 127.0.0.1, which verifies every request with the
// official standardwebhooks package; batches are made and read with the vitest integration's queue helpers.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deliveryTimeoutMs, handleWebhookBatch } from '../../../src/worker/webhooks/deliver.ts';
import type { DeadLetter } from '../../../src/worker/webhooks/delivery-records.ts';
import type { WebhookEnv, WebhookMessage } from '../../../src/worker/webhooks/webhook-message.ts';
import { changesBody, hookUrl, receivedBy, runBatch, uniqueName, webhookMessage } from './receiver-client.ts';
import { testSecretName, testWebhookSecret } from './test-secret.ts';

const queue = 'wirefeed-webhooks';

/** As `wrangler dev` runs with ALLOW_LOCAL_WEBHOOKS=1 in .dev.vars. */
const localEnv: WebhookEnv = {
  WEBHOOKS: env.WEBHOOKS,
  ARCHIVE: env.ARCHIVE,
  ALLOW_LOCAL_WEBHOOKS: '1',
  ...{ [testSecretName]: testWebhookSecret },
};
/** As in production: no ALLOW_LOCAL_WEBHOOKS. */
const productionEnv: WebhookEnv = {
  WEBHOOKS: env.WEBHOOKS,
  ARCHIVE: env.ARCHIVE,
  ...{ [testSecretName]: testWebhookSecret },
};

function deliver(
  message: WebhookMessage,
  {
    attempts = 1,
    environment = localEnv,
    timeoutMs,
  }: { attempts?: number; environment?: WebhookEnv; timeoutMs?: number } = {},
) {
  return runBatch(queue, [{ id: `q-${message.webhookId}`, body: message, attempts }], (batch) =>
    handleWebhookBatch(batch, environment, timeoutMs === undefined ? {} : { timeoutMs }),
  );
}

async function deadLettersOf(partner: string): Promise<DeadLetter[]> {
  const listed = await env.ARCHIVE.list({ prefix: `deliveries/dead/${partner}/` });
  return Promise.all(
    listed.objects.map(async (object) => (await (await env.ARCHIVE.get(object.key))?.json()) as DeadLetter),
  );
}

async function attemptNotes(webhookId: string): Promise<string[]> {
  return (await env.ARCHIVE.list({ prefix: `deliveries/attempts/${webhookId}/` })).objects.map((object) => object.key);
}

/** The JSON lines the consumer logged while `run` ran. */
async function loggedLines(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await run();
  return log.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('webhook delivery', () => {
  it('POSTs the body signed per Standard Webhooks, which the receiver verifies, and acks the message', async () => {
    const inbox = uniqueName('ok');
    const message = webhookMessage({ url: hookUrl(inbox, 'ok') });
    const before = Math.floor(Date.now() / 1000);
    const result = await deliver(message);
    expect(result.explicitAcks).toEqual([`q-${message.webhookId}`]);
    expect(result.retryMessages).toEqual([]);
    const [received, ...more] = await receivedBy(inbox);
    expect(more).toEqual([]);
    expect(received?.verification).toBe('ok');
    expect(received?.body).toBe(changesBody);
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers['webhook-id']).toBe(message.webhookId);
    expect(received?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const timestamp = Number(received?.headers['webhook-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('signs a body in any script byte for byte (the receiver verifies the exact UTF-8 it got)', async () => {
    const inbox = uniqueName('utf8');
    const body = JSON.stringify({ changes: [{ id: 'c2', slug: '上合组织', note: '“quotes” — and 😀' }], next: 'c2' });
    await deliver(webhookMessage({ url: hookUrl(inbox, 'ok'), body }));
    const [received] = await receivedBy(inbox);
    expect(received?.verification).toBe('ok');
    expect(received?.body).toBe(body);
  });

  it('a receiver answering 500 then 200 gets the same webhook-id twice; the retry waits 30 s and is then acked', async () => {
    const inbox = uniqueName('flaky');
    const message = webhookMessage({ url: hookUrl(inbox, 'fail-once') });
    const first = await deliver(message, { attempts: 1 });
    expect(first.explicitAcks).toEqual([]);
    expect(first.retryMessages).toEqual([{ msgId: `q-${message.webhookId}` }]);
    expect(first.retryDelays).toEqual([{ msgId: `q-${message.webhookId}`, delaySeconds: 30 }]);
    expect(await attemptNotes(message.webhookId)).toEqual([`deliveries/attempts/${message.webhookId}/001.json`]);

    const second = await deliver(message, { attempts: 2 });
    expect(second.explicitAcks).toEqual([`q-${message.webhookId}`]);
    expect(second.retryMessages).toEqual([]);
    const received = await receivedBy(inbox);
    expect(received.map((request) => request.headers['webhook-id'])).toEqual([message.webhookId, message.webhookId]);
    expect(received.map((request) => request.verification)).toEqual(['ok', 'ok']);
    expect(await attemptNotes(message.webhookId)).toEqual([]);
  });

  it('waits twice as long after each further failure', async () => {
    const inbox = uniqueName('down');
    const message = webhookMessage({ url: hookUrl(inbox, 'always-500') });
    const delays: (number | undefined)[] = [];
    for (const attempts of [1, 2, 3]) delays.push((await deliver(message, { attempts })).retryDelays[0]?.delaySeconds);
    expect(delays).toEqual([30, 60, 120]);
  });

  it('abandons a receiver that never answers after the timeout, and retries (10 000 ms in production)', async () => {
    expect(deliveryTimeoutMs).toBe(10_000);
    const inbox = uniqueName('hang');
    const message = webhookMessage({ url: hookUrl(inbox, 'hang') });
    const started = Date.now();
    const lines = await loggedLines(() =>
      deliver(message, { timeoutMs: 300 }).then((result) => {
        expect(result.retryDelays).toEqual([{ msgId: `q-${message.webhookId}`, delaySeconds: 30 }]);
      }),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(lines).toContainEqual({
      event: 'webhook_attempt',
      partner: message.partnerId,
      webhookId: message.webhookId,
      attempt: 1,
      error: 'timed out after 300 ms',
    });
    expect(await receivedBy(inbox)).toHaveLength(1);
  });

  it('treats a redirect as a failure and never follows it', async () => {
    const inbox = uniqueName('moved');
    const message = webhookMessage({ url: hookUrl(inbox, 'redirect') });
    const result = await deliver(message);
    expect(result.retryDelays).toEqual([{ msgId: `q-${message.webhookId}`, delaySeconds: 30 }]);
    expect((await receivedBy(inbox)).map((request) => request.path)).toEqual([`/hooks/${inbox}/redirect`]);
  });

  it('delivers every message of a batch at once: a hanging partner holds up no other', async () => {
    const [slow, fast] = [uniqueName('slow'), uniqueName('fast')];
    // The slow receiver answers only once the fast one has been called: delivered one after the other, the
    // fast partner would wait behind the slow one, which would time out.
    const waiting = webhookMessage({ url: hookUrl(slow, `wait-for-${fast}`) });
    const quick = webhookMessage({ url: hookUrl(fast, 'ok') });
    const result = await runBatch(
      queue,
      [waiting, quick].map((body) => ({ id: body.webhookId, body })),
      (batch) => handleWebhookBatch(batch, localEnv, { timeoutMs: 4000 }),
    );
    expect(result.explicitAcks.toSorted()).toEqual([waiting.webhookId, quick.webhookId].toSorted());
    expect(result.retryMessages).toEqual([]);
  });

  it('logs one JSON line per attempt, with the status or the error, and never the secret or the signature', async () => {
    const inbox = uniqueName('logged');
    const message = webhookMessage({ url: hookUrl(inbox, 'fail-once') });
    const lines = await loggedLines(async () => {
      await deliver(message, { attempts: 1 });
      await deliver(message, { attempts: 2 });
    });
    expect(lines).toEqual([
      { event: 'webhook_attempt', partner: message.partnerId, webhookId: message.webhookId, attempt: 1, status: 500 },
      { event: 'webhook_attempt', partner: message.partnerId, webhookId: message.webhookId, attempt: 2, status: 200 },
    ]);
    const signatures = (await receivedBy(inbox)).map((request) => request.headers['webhook-signature'] ?? '');
    const text = JSON.stringify(lines);
    let checked = 0;
    for (const secret of [testWebhookSecret, testWebhookSecret.slice('whsec_'.length), ...signatures]) {
      expect(text).not.toContain(secret);
      checked++;
    }
    expect(checked).toBe(4);
  });
});

describe('webhook targets and secrets', () => {
  it.each([
    ['http: to loopback', (inbox: string) => hookUrl(inbox, 'ok'), 'scheme http: is not https:'],
    ['https: to 127.0.0.1', (inbox: string) => hookUrl(inbox, 'ok').replace('http:', 'https:'), 'loopback'],
    [
      'https: to IPv4-mapped loopback',
      (inbox: string) => hookUrl(inbox, 'ok').replace('http://127.0.0.1', 'https://[::ffff:127.0.0.1]'),
      'loopback (RFC 1122), embedded in IPv6',
    ],
    [
      'https: to localhost',
      (inbox: string) => hookUrl(inbox, 'ok').replace('http://127.0.0.1', 'https://localhost'),
      'loopback name',
    ],
  ])(
    'refuses %s in production mode: no request reaches the receiver, the delivery is a dead letter',
    async (_, url, reason) => {
      const inbox = uniqueName('guarded');
      const message = webhookMessage({ url: url(inbox) });
      const result = await deliver(message, { environment: productionEnv });
      expect(result.explicitAcks).toEqual([`q-${message.webhookId}`]);
      expect(result.retryMessages).toEqual([]);
      expect(await receivedBy(inbox)).toEqual([]);
      const [dead] = await deadLettersOf(message.partnerId);
      expect(dead?.reason).toContain('not retryable: target refused:');
      expect(dead?.reason).toContain(reason);
    },
  );

  it('accepts the same loopback receiver only with ALLOW_LOCAL_WEBHOOKS=1', async () => {
    const inbox = uniqueName('local');
    const result = await deliver(webhookMessage({ url: hookUrl(inbox, 'ok') }), { environment: localEnv });
    expect(result.retryMessages).toEqual([]);
    expect(await receivedBy(inbox)).toHaveLength(1);
  });

  it('dead-letters a delivery whose secret is not set, logs it, and sends nothing', async () => {
    const inbox = uniqueName('nosecret');
    const message = webhookMessage({ url: hookUrl(inbox, 'ok'), secretName: 'WEBHOOK_SECRET_NOBODY' });
    const lines = await loggedLines(async () => {
      const result = await deliver(message);
      expect(result.explicitAcks).toEqual([`q-${message.webhookId}`]);
    });
    expect(await receivedBy(inbox)).toEqual([]);
    expect(lines[0]).toEqual({
      event: 'webhook_attempt',
      partner: message.partnerId,
      webhookId: message.webhookId,
      attempt: 1,
      error: 'secret WEBHOOK_SECRET_NOBODY is not set',
    });
    expect(lines[1]?.event).toBe('webhook_dead_letter');
    const [dead, ...more] = await deadLettersOf(message.partnerId);
    expect(more).toEqual([]);
    expect(dead).toMatchObject({
      partner: message.partnerId,
      webhookId: message.webhookId,
      reason: 'not retryable: secret WEBHOOK_SECRET_NOBODY is not set',
      attempts: 1,
      lastError: 'secret WEBHOOK_SECRET_NOBODY is not set',
      bodyBytes: new TextEncoder().encode(changesBody).byteLength,
    });
  });

  it('dead-letters a delivery whose secret is not a whsec_ key', async () => {
    const inbox = uniqueName('badsecret');
    const message = webhookMessage({ url: hookUrl(inbox, 'ok'), secretName: 'WEBHOOK_SECRET_PLAIN' });
    await deliver(message, { environment: { ...localEnv, ...{ WEBHOOK_SECRET_PLAIN: 'hunter2' } } });
    expect(await receivedBy(inbox)).toEqual([]);
    const [dead] = await deadLettersOf(message.partnerId);
    expect(dead?.reason).toBe('not retryable: secret WEBHOOK_SECRET_PLAIN is not a whsec_ secret of 24 to 64 bytes');
    expect(JSON.stringify(dead)).not.toContain('hunter2');
  });

  it('acks and logs a message that enqueueDeliveries did not make, instead of retrying it forever', async () => {
    const lines = await loggedLines(async () => {
      const result = await runBatch(queue, [{ id: 'stray', body: { hello: 'world' } }], (batch) =>
        handleWebhookBatch(batch, localEnv),
      );
      expect(result.explicitAcks).toEqual(['stray']);
    });
    expect(lines).toEqual([{ event: 'webhook_malformed', messageId: 'stray' }]);
  });
});
