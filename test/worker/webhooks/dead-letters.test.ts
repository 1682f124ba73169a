// The wirefeed-webhooks-dead consumer and the dead-letter listing, against the vitest integration's R2.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { deadLettersResponse, handleDeadLetterBatch } from '../../../src/worker/webhooks/dead-letters.ts';
import { type DeadLetter, noteFailedAttempt, recordDeadLetter } from '../../../src/worker/webhooks/delivery-records.ts';
import { hookUrl, runBatch, uniqueName, webhookMessage } from './receiver-client.ts';
import { testWebhookSecret } from './test-secret.ts';

const queue = 'wirefeed-webhooks-dead';

async function keysUnder(prefix: string): Promise<string[]> {
  return (await env.ARCHIVE.list({ prefix })).objects.map((object) => object.key);
}

describe('dead letters', () => {
  it('records a message the queue gave up on, with its attempts, last status, times and body size', async () => {
    const message = webhookMessage({ url: hookUrl('nowhere', 'always-500') });
    const times = ['2026-01-01T10:00:00.000Z', '2026-01-01T10:00:30.000Z', '2026-01-01T10:01:30.000Z'];
    await noteFailedAttempt(env.ARCHIVE, message.webhookId, {
      attempt: 1,
      at: times[0] as string,
      error: 'timed out after 10000 ms',
    });
    await noteFailedAttempt(env.ARCHIVE, message.webhookId, { attempt: 2, at: times[1] as string, status: 502 });
    await noteFailedAttempt(env.ARCHIVE, message.webhookId, { attempt: 3, at: times[2] as string, status: 503 });

    const result = await runBatch(queue, [{ id: 'dead-1', body: message }], (batch) =>
      handleDeadLetterBatch(batch, env),
    );
    expect(result.explicitAcks).toEqual(['dead-1']);

    const [key, ...more] = await keysUnder(`deliveries/dead/${message.partnerId}/`);
    expect(more).toEqual([]);
    expect(key).toMatch(
      new RegExp(
        `^deliveries/dead/${message.partnerId}/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z-${message.webhookId}\\.json$`,
      ),
    );
    const record = (await (await env.ARCHIVE.get(key as string))?.json()) as DeadLetter;
    expect(record).toEqual({
      partner: message.partnerId,
      url: message.url,
      webhookId: message.webhookId,
      reason: 'retries exhausted',
      attempts: 3,
      lastStatus: 503,
      firstAttemptAt: times[0],
      lastAttemptAt: times[2],
      enqueuedAt: message.enqueuedAt,
      deadAt: record.deadAt,
      bodyBytes: new TextEncoder().encode(message.body).byteLength,
    });
    expect(key).toContain(record.deadAt);
    expect(JSON.stringify(record)).not.toContain(testWebhookSecret.slice('whsec_'.length));
    expect(await keysUnder(`deliveries/attempts/${message.webhookId}/`)).toEqual([]);
  });

  it('still records a message with no attempt noted, saying so', async () => {
    const message = webhookMessage({ url: hookUrl('nowhere', 'always-500') });
    await runBatch(queue, [{ id: 'dead-2', body: message }], (batch) => handleDeadLetterBatch(batch, env));
    const [key] = await keysUnder(`deliveries/dead/${message.partnerId}/`);
    const record = (await (await env.ARCHIVE.get(key as string))?.json()) as DeadLetter;
    expect(record).toMatchObject({ reason: 'retries exhausted', attempts: 0 });
    expect(record).not.toHaveProperty('lastStatus');
    expect(record).not.toHaveProperty('firstAttemptAt');
  });

  it('acks and logs a dead message it cannot read', async () => {
    const result = await runBatch(queue, [{ id: 'odd', body: 'not a delivery' }], (batch) =>
      handleDeadLetterBatch(batch, env),
    );
    expect(result.explicitAcks).toEqual(['odd']);
  });
});

describe('the dead-letter listing (GET /api/publish/deliveries, once mounted)', () => {
  const listing = (query: string) =>
    deadLettersResponse(new URL(`https://wire.example/api/publish/deliveries${query}`), env.ARCHIVE);

  it('lists one partner’s dead letters newest first as private JSON', async () => {
    const partnerId = uniqueName('listed');
    const older = webhookMessage({ partnerId, url: hookUrl('a', 'ok') });
    const newer = webhookMessage({ partnerId, url: hookUrl('b', 'ok') });
    await recordDeadLetter(env.ARCHIVE, older, 'retries exhausted');
    await new Promise((done) => setTimeout(done, 5)); // two distinct milliseconds in their keys
    await recordDeadLetter(env.ARCHIVE, newer, 'retries exhausted');

    const response = await listing(`?partner=${partnerId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const { deadLetters } = (await response.json()) as { deadLetters: DeadLetter[] };
    expect(deadLetters.map((record) => record.webhookId)).toEqual([newer.webhookId, older.webhookId]);

    const limited = (await (await listing(`?partner=${partnerId}&limit=1`)).json()) as { deadLetters: DeadLetter[] };
    expect(limited.deadLetters.map((record) => record.webhookId)).toEqual([newer.webhookId]);
  });

  it('lists every partner’s when no partner is named', async () => {
    const message = webhookMessage({ url: hookUrl('c', 'ok') });
    await recordDeadLetter(env.ARCHIVE, message, 'retries exhausted');
    const { deadLetters } = (await (await listing('?limit=1000')).json()) as { deadLetters: DeadLetter[] };
    expect(deadLetters.map((record) => record.webhookId)).toContain(message.webhookId);
  });

  it.each(['?partner=ACME', '?partner=../x', '?limit=0', '?limit=1001', '?limit=ten', '?limit=1.5'])(
    'answers 400 to %s',
    async (query) => {
      const response = await listing(query);
      expect(response.status).toBe(400);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
    },
  );
});
