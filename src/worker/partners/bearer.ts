/** Partner keys: RFC 6750 bearer credentials, checked by their SHA-256 in constant time, and the one 401 for every failure. */
import type { Partner } from '../../model/partner.ts';

/**
 * RFC 6750 §2.1: `credentials = "Bearer" 1*SP b64token`, `b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" /
 * "+" / "/" ) *"="`. The scheme is case-insensitive (RFC 9110 §11.1); one token, nothing after it.
 */
const bearerCredentials = /^bearer +([a-z0-9\-._~+/]+=*)$/i;
/** Longer than any key we hand out by far; what is longer is malformed, not hashed. */
const maxKeyLength = 512;

/** What a request's Authorization header makes of its caller, for routes that also serve the public. */
export type Caller = { readonly kind: 'public' } | { readonly kind: 'partner'; readonly partner: Partner };

/** The headers of every response that depends on a key: never stored by a shared cache, never served to another key. */
export function partnerHeaders(): Record<string, string> {
  return { 'Cache-Control': 'private, no-store', Vary: 'Authorization' };
}

/** The key of an `Authorization: Bearer <key>` header; undefined when it is absent or not exactly that. */
export function bearerKey(authorization: string | null | undefined): string | undefined {
  if (authorization === null || authorization === undefined || authorization.length > maxKeyLength + 16)
    return undefined;
  return bearerCredentials.exec(authorization)?.[1];
}

/**
 * The partner whose key the header carries, or undefined for a missing, malformed, unknown or wrong key (one
 * answer for all: the caller learns nothing about which). The key is hashed with SHA-256 and the hash is
 * compared with every partner's `keySha256` in constant time, all of them, not stopping at a match.
 */
export async function authenticatePartner(
  authorization: string | null | undefined,
  partners: readonly Partner[],
): Promise<Partner | undefined> {
  const key = bearerKey(authorization);
  if (key === undefined) return undefined;
  const presented = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
  let match: Partner | undefined;
  for (const partner of partners) {
    const stored = storedHash(partner);
    const same = crypto.subtle.timingSafeEqual(presented, stored.bytes) && stored.valid;
    if (same && match === undefined) match = partner;
  }
  return match;
}

/**
 * For routes that answer the public too (`/api/v1/changes`): no Authorization header is the public; a header
 * that carries no partner's key is refused (undefined: answer `unauthorizedResponse()`), never downgraded.
 */
export async function callerOf(
  authorization: string | null | undefined,
  partners: readonly Partner[],
): Promise<Caller | undefined> {
  if (authorization === null || authorization === undefined) return { kind: 'public' };
  const partner = await authenticatePartner(authorization, partners);
  return partner ? { kind: 'partner', partner } : undefined;
}

const unauthorizedBody = JSON.stringify({
  error: 'unauthorized',
  message: 'This needs a partner key: Authorization: Bearer <key>.',
});

/**
 * The one answer to every authentication failure (RFC 6750 §3): 401 with a `Bearer` challenge and the same
 * small body, whatever was wrong, so a response never tells a wrong key from a missing or unknown one.
 */
export function unauthorizedResponse(): Response {
  return new Response(unauthorizedBody, {
    status: 401,
    headers: {
      'WWW-Authenticate': 'Bearer realm="wirefeed"',
      'Content-Type': 'application/json; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...partnerHeaders(),
    },
  });
}

/** Each partner's stored hash as bytes, converted once per partner object. */
const hashBytes = new WeakMap<Partner, { readonly bytes: Uint8Array; readonly valid: boolean }>();

/** 32 bytes for any `keySha256`; `valid` is false (never a match) for one that is not 64 hex digits. */
function storedHash(partner: Partner): { readonly bytes: Uint8Array; readonly valid: boolean } {
  const known = hashBytes.get(partner);
  if (known) return known;
  const hex = partner.keySha256;
  const valid = /^[0-9a-f]{64}$/.test(hex);
  const bytes = new Uint8Array(32);
  if (valid)
    for (let index = 0; index < 32; index++) bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  const stored = { bytes, valid };
  hashBytes.set(partner, stored);
  return stored;
}
