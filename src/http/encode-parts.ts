/** UTF-8 bytes of a document given as parts: markup as text, stored fragments as their bytes, never joined as a string. */

const encoder = new TextEncoder();

/** A piece of a document: text to encode, or UTF-8 bytes read from storage, sent as they are. */
export type Part = string | Uint8Array;

/**
 * The UTF-8 bytes of `parts` back to back, exactly `encode(text of parts joined)`. Adjacent text parts (markup
 * lines, separators) are encoded together, one call per run; byte parts (fragments as stored) are copied in
 * without being decoded or encoded again. The result is sized exactly: it holds nothing of the stored files it
 * was copied from. Text parts never split a surrogate pair (each is markup between whole fragments).
 */
export function encodeParts(parts: readonly Part[]): Uint8Array {
  const pieces: Uint8Array[] = [];
  let size = 0;
  let pending = '';
  /** Whether a piece is a view of stored bytes, which the result must not share. */
  let views = false;
  for (const part of parts) {
    if (typeof part === 'string') {
      pending += part;
      continue;
    }
    if (pending !== '') {
      const encoded = encoder.encode(pending);
      pieces.push(encoded);
      size += encoded.length;
      pending = '';
    }
    pieces.push(part);
    size += part.length;
    views = true;
  }
  if (pending !== '') {
    const encoded = encoder.encode(pending);
    pieces.push(encoded);
    size += encoded.length;
  }
  if (!views && pieces.length === 1) return pieces[0] as Uint8Array;
  const bytes = new Uint8Array(size);
  let written = 0;
  for (const piece of pieces) {
    bytes.set(piece, written);
    written += piece.length;
  }
  return bytes;
}

/** `lines.join(separator)` as parts: the lines with the separator between them. */
export function joinedParts<F extends Part = string>(lines: readonly (string | F)[], separator: string): (string | F)[] {
  const parts: (string | F)[] = [];
  for (const [index, line] of lines.entries()) {
    if (index > 0) parts.push(separator);
    parts.push(line);
  }
  return parts;
}
