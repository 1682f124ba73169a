/** Build-time strong ETags with node:crypto: synchronous, so 100,000 pages are not 100,000 thread-pool round trips. */
import { createHash } from 'node:crypto';

/**
 * Byte for byte what src/shared/etag.ts gives (the Worker's crypto.subtle version): SHA-256 over the UTF-8
 * bytes (a lone surrogate becomes U+FFFD in both), first 16 bytes, base64url without padding, quoted.
 * Given bytes, the same over those bytes (a text and its UTF-8 bytes have one ETag).
 */
export function nodeStrongEtag(data: string | Uint8Array): string {
  // A string is hashed as UTF-8, update's default.
  return `"${createHash('sha256').update(data).digest().subarray(0, 16).toString('base64url')}"`;
}
