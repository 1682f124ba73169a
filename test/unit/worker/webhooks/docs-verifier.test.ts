// The ten-odd lines docs/webhooks.md gives partners to verify a delivery by hand, run as written against what
// wirefeed signs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signWebhook, webhookKey } from '../../../../src/worker/webhooks/signature.ts';

const secret = `whsec_${Buffer.alloc(32, 42).toString('base64')}`;
const key = webhookKey(secret) as Uint8Array;
const encode = (text: string) => new TextEncoder().encode(text);
const bodies = [
  '',
  JSON.stringify({ changes: [{ id: 'c1', slug: '上合组织', title: '“Digital Link” 😀' }], next: 'c1' }),
];

describe('the verification code in docs/webhooks.md', async () => {
  const markdown = readFileSync('docs/webhooks.md', 'utf8');
  const code = /```js\n(import \{ createHmac[\s\S]*?)```/.exec(markdown)?.[1] ?? 'export {}';
  const { verifyWirefeedWebhook } = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as {
    verifyWirefeedWebhook: (secret: string, headers: Record<string, string>, rawBody: string) => boolean;
  };
  const body = bodies[1] as string;
  const signed = async (timestamp = Math.floor(Date.now() / 1000)) => ({
    ...(await signWebhook(key, { id: 'msg_0123abcd', timestamp, body: encode(body) })),
  });

  it('accepts what wirefeed signs, also among several signatures (secret rotation)', async () => {
    const headers = await signed();
    expect(verifyWirefeedWebhook(secret, headers, body)).toBe(true);
    const rotated = { ...headers, 'webhook-signature': `v1,AAAA ${headers['webhook-signature']}` };
    expect(verifyWirefeedWebhook(secret, rotated, body)).toBe(true);
  });

  it('refuses a changed body, another secret, and a timestamp ten minutes old', async () => {
    const headers = await signed();
    expect(verifyWirefeedWebhook(secret, headers, `${body} `)).toBe(false);
    expect(verifyWirefeedWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, headers, body)).toBe(false);
    const stale = await signed(Math.floor(Date.now() / 1000) - 600);
    expect(verifyWirefeedWebhook(secret, stale, body)).toBe(false);
    expect(verifyWirefeedWebhook(secret, { ...headers, 'webhook-signature': '' }, body)).toBe(false);
  });
});
