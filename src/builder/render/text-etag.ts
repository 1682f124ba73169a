/** The strong-ETag function the build hashes stored texts with: crypto.subtle by default, a faster one when the CLI installs it. */
import { strongEtag } from '../../shared/etag.ts';

/** Same contract as strongEtag (RFC 9110 §8.8.3): `"` + base64url of SHA-256's first 16 bytes over the UTF-8 bytes + `"`. */
export type TextEtag = (text: string) => string | Promise<string>;

let current: TextEtag = strongEtag;

/** The ETag of `text` with the installed function (the same bytes whichever is installed). */
export function textEtag(text: string): string | Promise<string> {
  return current(text);
}

/** Installs `etag` for every later build in this process (the CLI's synchronous node:crypto hash). */
export function useTextEtag(etag: TextEtag): void {
  current = etag;
}
