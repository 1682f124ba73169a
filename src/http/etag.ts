/** Strong ETags from the bytes of a representation (RFC 9110 §8.8.3). */

/**
 * `"` + base64url of the first 16 bytes of SHA-256 over the UTF-8 bytes + `"`: 22 characters, all etagc,
 * the same for the same bytes on every machine and deploy. Uses `crypto.subtle` (Node 22 and workerd).
 */
export async function strongEtag(bytes: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(bytes));
  let binary = '';
  for (const byte of new Uint8Array(digest, 0, 16)) binary += String.fromCharCode(byte);
  const base64url = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `"${base64url}"`;
}
