/** UTF-8 bytes of a document given as parts: each part encoded in place, so the document is never joined as a string. */

const encoder = new TextEncoder();

/** Parts shorter than this (in UTF-16 code units) are joined before encoding: copying them costs less than a call. */
const shortPart = 512;

/**
 * The UTF-8 bytes of `parts` back to back, exactly `encode(parts.join(''))`. Joining first would copy every
 * fragment into one flat string and then encode it; here each part is written once into a buffer sized for the
 * worst case (3 bytes per UTF-16 code unit, WHATWG Encoding §8.2.2), then the bytes written are copied out.
 * Parts never split a surrogate pair (each is a whole rendered fragment or markup between them).
 */
export function encodeParts(parts: readonly string[]): Uint8Array {
  let units = 0;
  for (const part of parts) units += part.length;
  const buffer = new Uint8Array(units * 3);
  let written = 0;
  // Short parts (markup lines, separators) are gathered and written together: one call each, not one per line.
  let pending = '';
  for (const part of parts) {
    if (part.length < shortPart) {
      pending += part;
      continue;
    }
    if (pending !== '') written += encoder.encodeInto(pending, buffer.subarray(written)).written;
    pending = '';
    written += encoder.encodeInto(part, buffer.subarray(written)).written;
  }
  if (pending !== '') written += encoder.encodeInto(pending, buffer.subarray(written)).written;
  return buffer.slice(0, written);
}

/** `lines.join(separator)` as parts: the lines with the separator between them. */
export function joinedParts(lines: readonly string[], separator: string): string[] {
  const parts: string[] = [];
  for (const [index, line] of lines.entries()) {
    if (index > 0) parts.push(separator);
    parts.push(line);
  }
  return parts;
}
