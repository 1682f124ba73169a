/** Requests per partner key through the Workers Rate Limiting binding: 429 with Retry-After over the limit, open if it fails. */
import { partnerHeaders } from './bearer.ts';

/**
 * The `period` of `[[ratelimits]] PARTNER_RATE_LIMIT` in wrangler.toml (600 a minute per key by default): the
 * binding does not tell its window, so this is how long a 429 asks the partner to wait (a test keeps them equal).
 */
export const partnerRateLimitPeriodSeconds = 60;

/** The binding failed once in this isolate already: said once, not once a request. */
let failureLogged = false;

/**
 * Counts one request of `partnerId` (its id, never its key). Undefined: go on. A Response: the 429 to answer.
 * A binding that throws or is missing lets the request through (a limiter outage must not take the partner
 * API down with it) and is logged once per isolate.
 */
export async function limitPartner(
  env: Pick<Env, 'PARTNER_RATE_LIMIT'>,
  partnerId: string,
): Promise<Response | undefined> {
  try {
    const outcome = await env.PARTNER_RATE_LIMIT.limit({ key: partnerId });
    return outcome.success ? undefined : tooManyRequests();
  } catch (error) {
    if (!failureLogged) {
      failureLogged = true;
      console.error('wirefeed: partner rate limit unavailable, letting partner requests through:', String(error));
    }
    return undefined;
  }
}

const tooManyBody = JSON.stringify({
  error: 'rate_limited',
  message: 'Too many requests for this key; try again after Retry-After seconds.',
});

/** RFC 6585 §4: 429, with RFC 9110 §10.2.3 `Retry-After` the limit's window; private, as it answers one key. */
function tooManyRequests(): Response {
  return new Response(tooManyBody, {
    status: 429,
    headers: {
      'Retry-After': String(partnerRateLimitPeriodSeconds),
      'Content-Type': 'application/json; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...partnerHeaders(),
    },
  });
}
