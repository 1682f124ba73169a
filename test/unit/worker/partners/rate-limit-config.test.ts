// wrangler.toml's partner limiter and the Retry-After the Worker sends must name one window.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { partnerRateLimitPeriodSeconds } from '../../../../src/worker/partners/rate-limit.ts';

const wrangler = readFileSync(new URL('../../../../wrangler.toml', import.meta.url), 'utf8');

describe('partner rate limit configuration', () => {
  const block =
    /\[\[ratelimits\]\]\s*\nname = "PARTNER_RATE_LIMIT"\s*\nnamespace_id = "(\d+)"\s*\nsimple = \{ limit = (\d+), period = (\d+) \}/.exec(
      wrangler,
    );

  it('binds PARTNER_RATE_LIMIT at 600 requests a minute per key', () => {
    expect(block?.slice(1)).toEqual(['1001', '600', '60']);
  });

  it('asks a limited partner to wait the binding period', () => {
    expect(Number(block?.[3])).toBe(partnerRateLimitPeriodSeconds);
  });
});
