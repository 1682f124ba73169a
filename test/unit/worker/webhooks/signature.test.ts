// Our crypto.subtle signer against the official Standard Webhooks package: its Webhook.verify must accept what we
// sign, and its own signer must produce the same header for the same id, timestamp and body.
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook, webhookKey } from '../../../../src/worker/webhooks/signature.ts';

const keyBytes = Uint8Array.from({ length: 32 }, (_, index) => (index * 37 + 11) % 256);
const secret = `whsec_${Buffer.from(keyBytes).toString('base64')}`;
const key = webhookKey(secret) as Uint8Array;
const encode = (text: string) => new TextEncoder().encode(text);

const bodies = [
  '{"changes":[],"next":"c0"}',
  JSON.stringify({ changes: [{ id: 'c1', slug: '上合组织', title: '“Digital Link” 😀' }], next: 'c1' }),
  '',
];

describe('Standard Webhooks signatures', () => {
  it.each(bodies)('is accepted by standardwebhooks Webhook.verify (body %j)', async (body) => {
    const now = Math.floor(Date.now() / 1000);
    const headers = await signWebhook(key, { id: 'msg_0123abcd', timestamp: now, body: encode(body) });
    expect(headers['webhook-id']).toBe('msg_0123abcd');
    expect(headers['webhook-timestamp']).toBe(String(now));
    expect(() => new Webhook(secret).verify(body, { ...headers })).not.toThrow();
  });

  it('equals the header standardwebhooks signs for the same id, timestamp and body', async () => {
    const body = bodies[1] as string;
    const timestamp = 1_674_087_231;
    const ours = await signWebhook(key, { id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', timestamp, body: encode(body) });
    const theirs = new Webhook(secret).sign('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', new Date(timestamp * 1000), body);
    expect(ours['webhook-signature']).toBe(theirs);
    expect(ours['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it.each([
    ['a changed body', { body: '{"changes":[],"next":"c9"}' }],
    ['a changed id', { 'webhook-id': 'msg_other' }],
    ['a changed timestamp', { 'webhook-timestamp': 'shift' }],
    ['another secret', { secret: `whsec_${Buffer.from(keyBytes.map((byte) => byte ^ 1)).toString('base64')}` }],
  ])('is refused by Webhook.verify after %s', async (_, change: Record<string, string>) => {
    const now = Math.floor(Date.now() / 1000);
    const body = bodies[0] as string;
    const headers: Record<string, string> = {
      ...(await signWebhook(key, { id: 'msg_1', timestamp: now, body: encode(body) })),
    };
    if (change['webhook-id']) headers['webhook-id'] = change['webhook-id'];
    if (change['webhook-timestamp']) headers['webhook-timestamp'] = String(now - 1);
    expect(() => new Webhook(change.secret ?? secret).verify(change.body ?? body, headers)).toThrow();
  });

  it('takes whsec_ secrets of 24 to 64 bytes, as `echo "whsec_$(openssl rand -base64 32)"` makes them', () => {
    const of = (bytes: number) => `whsec_${Buffer.alloc(bytes, 7).toString('base64')}`;
    expect(webhookKey(secret)).toEqual(keyBytes);
    expect(webhookKey(of(24))?.length).toBe(24);
    expect(webhookKey(of(64))?.length).toBe(64);
    let checked = 0;
    for (const refused of [
      of(23),
      of(65),
      Buffer.from(keyBytes).toString('base64'), // no prefix
      'whsec_',
      'whsec_not base64!',
      `WHSEC_${Buffer.from(keyBytes).toString('base64')}`,
      'hunter2',
    ]) {
      expect(webhookKey(refused), refused).toBeUndefined();
      checked++;
    }
    expect(checked).toBe(7);
  });

  it('refuses to sign an id that could blur the signed content, or a timestamp that is not whole seconds (milliseconds included)', async () => {
    await expect(signWebhook(key, { id: 'msg.1', timestamp: 1, body: encode('') })).rejects.toThrow(RangeError);
    await expect(signWebhook(key, { id: '', timestamp: 1, body: encode('') })).rejects.toThrow(RangeError);
    await expect(signWebhook(key, { id: 'msg_1', timestamp: 1.5, body: encode('') })).rejects.toThrow(RangeError);
    await expect(signWebhook(key, { id: 'msg_1', timestamp: Date.now(), body: encode('') })).rejects.toThrow(
      'is not whole seconds',
    );
  });
});
