// Partner keys and the per-key rate limit in workerd, on a tiny app: one 401 for every failure, the partner for its
// own key, 429 with Retry-After past the limit, and never a 5xx when the limiter itself fails.
import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Partner } from '../../src/model/partner.ts';
import {
  authenticatePartner,
  callerOf,
  partnerHeaders,
  unauthorizedResponse,
} from '../../src/worker/partners/bearer.ts';
import { limitPartner } from '../../src/worker/partners/rate-limit.ts';

/** SHA-256 of `acme-test-key`, `wire-test-key`; `revoked-test-key` was a partner's key and is no longer listed. */
const partners: readonly Partner[] = [
  {
    id: 'acme',
    name: 'ACME Daily',
    keySha256: 'ebfbfd0414bb0cb52b149c7596a65b6892c759178bdc540e50a3c9b3575775e3',
    sections: ['tag:economy'],
    embargoed: true,
  },
  {
    id: 'wire-desk',
    name: 'Wire Desk',
    keySha256: '02bb3c4cbd2577e64a705f35fec185977b0a5124b34412959afb9415d25fe2ac',
    sections: 'all',
    embargoed: false,
  },
];

type Limiter = Pick<Env, 'PARTNER_RATE_LIMIT'>;

/** A partner-only route, as the API's will be: authenticate, count, answer. */
function partnerApp(limiter: Limiter = env) {
  const app = new Hono();
  app.get('/api/v1/articles/:slug', async (c) => {
    const partner = await authenticatePartner(c.req.header('Authorization'), partners);
    if (!partner) return unauthorizedResponse();
    const limited = await limitPartner(limiter, partner.id);
    if (limited) return limited;
    return c.json({ partner: partner.id, slug: c.req.param('slug') }, 200, partnerHeaders());
  });
  return app;
}

function get(authorization?: string, limiter?: Limiter): Promise<Response> {
  const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
  return Promise.resolve(partnerApp(limiter).request('/api/v1/articles/alpha', { headers }));
}

/** Status, the headers that matter and the body: what a client could tell apart. */
async function outcome(response: Response) {
  return {
    status: response.status,
    wwwAuthenticate: response.headers.get('WWW-Authenticate'),
    cacheControl: response.headers.get('Cache-Control'),
    vary: response.headers.get('Vary'),
    contentType: response.headers.get('Content-Type'),
    headerNames: [...response.headers.keys()].sort(),
    body: await response.text(),
  };
}

const tinyLimiter = env.TINY_RATE_LIMIT;

describe('partner keys', () => {
  it('lets the right key through as its partner, private and varying by Authorization', async () => {
    const response = await get('Bearer acme-test-key');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ partner: 'acme', slug: 'alpha' });
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(response.headers.get('Vary')).toBe('Authorization');
  });

  it("names each partner by its own key, never another's", async () => {
    expect((await authenticatePartner('Bearer wire-test-key', partners))?.id).toBe('wire-desk');
    expect((await authenticatePartner('Bearer acme-test-key', partners))?.id).toBe('acme');
    expect(await authenticatePartner('Bearer acme-test-key', partners.slice(1))).toBeUndefined();
  });

  it('reads the scheme in any case, and the token after one or more spaces (RFC 6750 §2.1)', async () => {
    let checked = 0;
    for (const header of ['bearer acme-test-key', 'BEARER acme-test-key', 'Bearer   acme-test-key']) {
      expect((await authenticatePartner(header, partners))?.id, header).toBe('acme');
      checked++;
    }
    expect(checked).toBe(3);
  });

  const failures: readonly [string, string | undefined][] = [
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Basic YWNtZTphY21lLXRlc3Qta2V5'],
    ['the scheme alone', 'Bearer'],
    ['two tokens', 'Bearer acme-test-key extra'],
    ['a character outside b64token', 'Bearer acme-test-key,'],
    ['padding inside the token', 'Bearer acme=test-key'],
    ['a key with no scheme', 'acme-test-key'],
    ['a wrong key', 'Bearer wrong-test-key'],
    ['a near miss', 'Bearer acme-test-kez'],
    ['a revoked partner (no longer listed)', 'Bearer revoked-test-key'],
    ["a partner's hash sent as the key", `Bearer ${partners[0]?.keySha256}`],
    ['an over-long key', `Bearer ${'k'.repeat(10_000)}`],
  ];

  it.each(failures)('answers %s with 401 and a Bearer challenge', async (_, header) => {
    const response = await get(header);
    expect(response.status).toBe(401);
    expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="wirefeed"');
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(response.headers.get('Vary')).toBe('Authorization');
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: 'unauthorized' });
    expect(body).not.toMatch(/test-key|kkkk/);
  });

  it('answers every failure with the same status, headers and body, so none can be told apart', async () => {
    const outcomes = await Promise.all(failures.map(async ([, header]) => outcome(await get(header))));
    let checked = 0;
    for (const other of outcomes) {
      expect(other).toEqual(outcomes[0]);
      checked++;
    }
    expect(checked).toBe(13);
  });

  it('on a route that serves the public too, no header is the public and a bad header is refused', async () => {
    expect(await callerOf(undefined, partners)).toEqual({ kind: 'public' });
    expect(await callerOf(null, partners)).toEqual({ kind: 'public' });
    expect(await callerOf('Bearer wire-test-key', partners)).toEqual({ kind: 'partner', partner: partners[1] });
    let checked = 0;
    for (const [, header] of failures.slice(1)) {
      expect(await callerOf(header, partners), header).toBeUndefined();
      checked++;
    }
    expect(checked).toBe(12);
  });
});

describe('partner rate limit', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts each partner by the configured binding and lets a request under the limit through', async () => {
    expect((await get('Bearer wire-test-key')).status).toBe(200);
  });

  it('answers 429 with Retry-After past the limit, private, never a 5xx, and counts each key apart', async () => {
    // A window boundary may fall between requests and reset the count once, so the limit of 3 is passed
    // within 2 × 3 + 1 requests however the clock falls.
    const limiter = { PARTNER_RATE_LIMIT: tinyLimiter };
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let request = 0; request < 7 && !limited; request++) {
      const response = await get('Bearer acme-test-key', limiter);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(3);
    if (!limited) throw new Error(`no 429 in ${statuses.join(', ')}`);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(limited.headers.get('Cache-Control')).toBe('private, no-store');
    expect(limited.headers.get('Vary')).toBe('Authorization');
    expect(await limited.json()).toMatchObject({ error: 'rate_limited' });
    // Another partner's key has its own count.
    expect((await get('Bearer wire-test-key', limiter)).status).toBe(200);
  });

  it('lets requests through when the limiter throws or is missing, and says so once', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = {
      PARTNER_RATE_LIMIT: {
        limit: () => Promise.reject(new Error('rate limiter unavailable')),
      },
    };
    const missing = {} as Limiter;
    let checked = 0;
    for (const limiter of [broken, missing, broken]) {
      expect((await get('Bearer acme-test-key', limiter)).status).toBe(200);
      checked++;
    }
    expect(checked).toBe(3);
    expect(logged).toHaveBeenCalledTimes(1);
    let checked2 = 0;
    for (const call of logged.mock.calls) {
      expect(call.join(' ')).not.toContain('acme-test-key');
      checked2++;
    }
    expect(checked2).toBe(1);
  });
});
