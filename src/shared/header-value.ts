/** Makes any text safe and exact as an HTTP header value: plain printable ASCII, else an RFC 8187 ext-value. */

// docs/metadata.md: control characters become a space, then a value that is not
// printable ASCII is sent as `UTF-8''` + percent-encoded UTF-8 bytes, so the Worker never throws
// on a non-Latin-1 header and no content can inject a header line.

/** Every Unicode control character (general category Cc): C0, DEL and C1 (which holds U+0085 NEL). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

/** Printable ASCII (RFC 9110 §5.5 field-vchar plus SP), with no space at either end (HTTP parsers strip those). */
const sendableAsIs = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;

/**
 * A value a reader could take for an RFC 8187 ext-value (`charset '[language]' ...`, RFC 8187 §3.2.1):
 * such a plain value is encoded too, so decoding never changes a value that was sent as is.
 */
const looksLikeExtValue = /^[A-Za-z0-9!#$%&+\-^_`{}~]+'[A-Za-z0-9-]*'/;

/** RFC 8187 §3.2.1 attr-char: the only bytes an ext-value carries literally. */
const attrChar = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

const extValuePrefix = "UTF-8''";

/** What `encodeHeaderValue` sends for a value: each control character replaced by one space (1:1, not collapsed). */
export function replaceControlCharacters(value: string): string {
  return value.replace(controlCharacters, ' ');
}

/**
 * The header value to send for `value`. Control characters each become one space first; the result is sent
 * as is when it is printable ASCII without leading or trailing space, otherwise as `UTF-8''%XX...`.
 * Lone surrogates, which have no UTF-8 form, are sent as U+FFFD. Never throws; the output is always
 * printable ASCII with no CR or LF.
 */
export function encodeHeaderValue(value: string): string {
  const cleaned = replaceControlCharacters(value);
  if (sendableAsIs.test(cleaned) && !looksLikeExtValue.test(cleaned)) return cleaned;
  let encoded = extValuePrefix;
  for (const byte of new TextEncoder().encode(cleaned)) {
    const character = String.fromCharCode(byte);
    encoded += attrChar.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/**
 * The text a sent header value stands for: the inverse of `encodeHeaderValue` (up to its control-character rule).
 * Reads `UTF-8'<language>'<percent-encoded bytes>` (charset case-insensitive); anything else, including a
 * malformed ext-value, is returned unchanged. Never throws.
 */
export function decodeHeaderValue(sent: string): string {
  const match = /^UTF-8'[A-Za-z0-9-]*'/i.exec(sent);
  if (match === null) return sent;
  const text = sent.slice(match[0].length);
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x25 /* % */) {
      const hex = text.slice(index + 1, index + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return sent;
      bytes.push(Number.parseInt(hex, 16));
      index += 2;
    } else if (code <= 0x7f) {
      bytes.push(code);
    } else {
      return sent;
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes));
  } catch {
    return sent;
  }
}
