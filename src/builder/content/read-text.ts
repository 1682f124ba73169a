/** Build time: reads a content file as UTF-8 text, naming what is wrong with one that is not (UTF-16, a bad byte). */
import { readFileSync } from 'node:fs';
import type { ContentProblem } from '../../content/content-error.ts';

/**
 * The file as UTF-8 text; bytes that are not UTF-8 are a problem. Undefined when missing or unreadable.
 * Synchronous: an article is a few KB in the page cache, and readFile's promise is four thread-pool round
 * trips per file (open, fstat, read, close), which at 200,000 files cost more than the reads.
 */
export function readText(path: string, shownPath: string, problems: ContentProblem[]): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    problems.push({ file: shownPath, message: `cannot be read: ${(error as Error).message}` });
    return undefined;
  }
  // Windows editors save "Unicode" as UTF-16 with a byte order mark: name it, not its first byte.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    problems.push({ file: shownPath, message: 'is UTF-16 text; save it as UTF-8' });
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
    problems.push({
      file: shownPath,
      line,
      message: `is not UTF-8 text (bad byte at offset ${offset}); save it as UTF-8`,
    });
    return undefined;
  }
}

/** Byte offset of the first invalid UTF-8 byte: the longest prefix a streaming decoder accepts. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.floor((low + high + 1) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  // The accepted prefix may end in an incomplete sequence the decoder was holding: it starts there.
  let lead = low - 1;
  while (lead >= 0 && low - lead <= 3 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  const first = bytes[lead] ?? 0;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead >= 0 && length > low - lead ? lead : low;
}
