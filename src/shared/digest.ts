/** SHA-256 of a text's UTF-8 bytes as base64 (RFC 4648 §4): the one digest behind ETags and the CSP style hash. */
import { bytesToBase64 } from './base64.ts';

/** Base64 of the first `bytes` bytes (all 32 by default) of SHA-256 over `text`; `crypto.subtle` (Node 22 and workerd). */
export async function sha256Base64(text: string, bytes = 32): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return bytesToBase64(new Uint8Array(digest, 0, bytes));
}
