/** Strong ETags from the bytes of a representation (RFC 9110 §8.8.3). */
import { sha256Base64 } from './digest.ts';

/**
 * `"` + base64url of the first 16 bytes of SHA-256 over the UTF-8 bytes + `"`: 22 characters, all etagc,
 * the same for the same bytes on every machine and deploy. Uses `crypto.subtle` (Node 22 and workerd).
 */
export async function strongEtag(bytes: string): Promise<string> {
  // RFC 4648 §5: base64url, no padding.
  const base64url = (await sha256Base64(bytes, 16)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `"${base64url}"`;
}
