/** Base64 (RFC 4648 §4) to and from bytes, with the `btoa`/`atob` that Node 22 and workerd both have. */

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The bytes of base64 text, or undefined when it is not base64 (`atob` ignores ASCII whitespace, as forgiving-base64 says). */
export function base64ToBytes(text: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
