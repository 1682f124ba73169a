/** Bounded header values: a long text is sent as a prefix with an ellipsis, still RFC 8187-safe, so headers stay small. */
import { encodeHeaderValue } from '../../shared/header-value.ts';

/**
 * Encoded bytes of one attribution value (X-Source, X-Editor, X-Copyright…): five of them, the Link and the
 * shared headers stay under 8 KiB, which Node's fetch, curl and Python's urllib all accept. @default 400
 */
export const maxAttributionHeaderLength = 400;

/**
 * `encodeHeaderValue(value)` when that fits in `max` characters; otherwise the longest prefix (whole code
 * points, cut before encoding so no percent-escape or UTF-8 sequence is split) followed by `…`, encoded.
 * The full text stays in the page and the feeds.
 */
export function cappedHeaderValue(value: string, max = maxAttributionHeaderLength): string {
  const whole = encodeHeaderValue(value);
  if (whole.length <= max) return whole;
  const points = Array.from(value);
  let low = 0;
  let high = Math.min(points.length, max);
  // The longest prefix whose encoding, with the ellipsis, fits: encoding length grows with the prefix.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (encodeHeaderValue(`${points.slice(0, middle).join('').trimEnd()}…`).length <= max) low = middle;
    else high = middle - 1;
  }
  return encodeHeaderValue(`${points.slice(0, low).join('').trimEnd()}…`);
}
