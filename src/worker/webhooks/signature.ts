/** Standard Webhooks 1.0 symmetric signing: `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. */
import { base64ToBytes, bytesToBase64 } from '../../shared/base64.ts';

/** The three headers Standard Webhooks 1.0 ("Webhook headers") puts on every attempt. */
export interface WebhookSignatureHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** What is signed: the id fixed for every retry, the attempt's time, and the exact bytes sent. */
export interface SignedContent {
  /** The message id (`msg_…`); never contains `.`, which delimits the signed content. */
  readonly id: string;
  /** Seconds since the epoch at this attempt (Standard Webhooks: "integer unix timestamp"). */
  readonly timestamp: number;
  readonly body: Uint8Array;
}

const secretPrefix = 'whsec_';
/** Standard Webhooks 1.0 "Signature scheme": a symmetric secret is random, at least 24 bytes, at most 64. */
const keyBytes = { min: 24, max: 64 } as const;
/** An id the signed content cannot be confused by: no `.`, nothing to escape in a header. */
const idPattern = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The key of a Standard Webhooks secret, `whsec_` + base64 of 24 to 64 random bytes (generate one with
 * `echo "whsec_$(openssl rand -base64 32)"`); undefined for anything else, so a mistyped secret is never used.
 */
export function webhookKey(secret: string): Uint8Array | undefined {
  if (!secret.startsWith(secretPrefix)) return undefined;
  const bytes = base64ToBytes(secret.slice(secretPrefix.length));
  if (bytes === undefined || bytes.length < keyBytes.min || bytes.length > keyBytes.max) return undefined;
  return bytes;
}

/** The signature headers for one attempt, with `crypto.subtle` HMAC-SHA256 over `${id}.${timestamp}.${body}`. */
export async function signWebhook(key: Uint8Array, content: SignedContent): Promise<WebhookSignatureHeaders> {
  if (!idPattern.test(content.id)) throw new RangeError(`webhook id ${JSON.stringify(content.id)} is not signable`);
  // Seconds, not milliseconds: 10^10 s is the year 2286, while Date.now() is already past 10^12.
  if (!Number.isSafeInteger(content.timestamp) || content.timestamp < 0 || content.timestamp >= 1e10)
    throw new RangeError(`webhook timestamp ${content.timestamp} is not whole seconds since the epoch`);
  const prefix = new TextEncoder().encode(`${content.id}.${content.timestamp}.`);
  const signed = new Uint8Array(prefix.length + content.body.length);
  signed.set(prefix);
  signed.set(content.body, prefix.length);
  const hmacKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, signed));
  return {
    'webhook-id': content.id,
    'webhook-timestamp': String(content.timestamp),
    'webhook-signature': `v1,${bytesToBase64(mac)}`,
  };
}
