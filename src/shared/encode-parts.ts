/** UTF-8 bytes of a document given as parts: markup as text, stored fragments as their bytes, never joined as a string. */

import { utf8Length } from './utf8.ts';

const encoder = new TextEncoder();

/** A piece of a document: text to encode, or UTF-8 bytes read from storage, sent as they are. */
export type Part = string | Uint8Array;

/**
 * The UTF-8 bytes of `parts` back to back, exactly `encode(text of parts joined)`, in one buffer of the exact
 * size: the text parts (markup lines, separators: short) are measured first, then written in place, ASCII
 * byte by byte and the rest with `encodeInto`; byte parts (fragments as stored) are copied in without being
 * decoded or encoded again. The result shares nothing with the stored files it was copied from.
 * Text parts never split a surrogate pair (each is markup between whole fragments).
 */
export function encodeParts(parts: readonly Part[]): Uint8Array {
  let size = 0;
  for (const part of parts) size += typeof part === 'string' ? utf8Length(part) : part.length;
  const bytes = new Uint8Array(size);
  let written = 0;
  for (const part of parts) {
    if (typeof part !== 'string') {
      bytes.set(part, written);
      written += part.length;
    } else if (part.length <= shortText && isAscii(part)) {
      for (let index = 0; index < part.length; index++) bytes[written++] = part.charCodeAt(index);
    } else {
      written += encoder.encodeInto(part, bytes.subarray(written)).written;
    }
  }
  return bytes;
}

/** Text parts up to this many code units are written byte by byte when ASCII: cheaper than a call. */
const shortText = 64;

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/** `lines.join(separator)` as parts: the lines with the separator between them. */
export function joinedParts<F extends Part = string>(
  lines: readonly (string | F)[],
  separator: string,
): (string | F)[] {
  const parts: (string | F)[] = [];
  for (const [index, line] of lines.entries()) {
    if (index > 0) parts.push(separator);
    parts.push(line);
  }
  return parts;
}
