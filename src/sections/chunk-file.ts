/**
 * Section chunk files: every list format of a run of articles in ONE file (a section costs one stored
 * file per page-size run, not four), each format's texts grouped, with their UTF-8 byte lengths in a
 * first-line index. A reader takes the bytes and splices in only the records its page serves, so a
 * section page costs about what a site list page (one file per format) costs, not four times as much.
 */
import { chunkFormats } from './section-layout.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** One article's fragments in `chunkFormats` order, with their UTF-8 lengths (measured once per article). */
export interface ChunkRecord {
  readonly texts: readonly string[];
  readonly lengths: readonly number[];
}

export function chunkRecord(texts: readonly string[]): ChunkRecord {
  return { texts, lengths: texts.map(utf8Length) };
}

/** The file of a run of articles in publication order. */
export function encodeSectionChunk(records: readonly ChunkRecord[]): string {
  const formats = chunkFormats.map((_, format) => format);
  // Numbers only: the index line is ASCII, so its byte length is its length.
  const index = JSON.stringify(formats.map((format) => records.map((record) => record.lengths[format] ?? 0)));
  return `${index}\n${formats.map((format) => records.map((record) => record.texts[format] ?? '').join('')).join('')}`;
}

/** Records `from` to `to` (exclusive) of one format as views of the file's bytes, ready to send as they are. */
export function sectionChunkBytes(bytes: Uint8Array, format: number, from: number, to: number): Uint8Array[] {
  const newline = bytes.indexOf(10);
  if (newline < 0) throw new Error('section chunk without an index line');
  const index = JSON.parse(decoder.decode(bytes.subarray(0, newline))) as number[][];
  let offset = newline + 1;
  for (let before = 0; before < format; before++) for (const length of index[before] ?? []) offset += length;
  const lengths = index[format] ?? [];
  const records: Uint8Array[] = [];
  for (let record = 0; record < Math.min(to, lengths.length); record++) {
    const length = lengths[record] ?? 0;
    if (record >= from) records.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  // A length that is not a count of bytes (a wrong-shape index) makes the offset NaN or fractional.
  if (!Number.isSafeInteger(offset) || offset > bytes.length) throw new Error('section chunk shorter than its index');
  return records;
}

let scratch = new Uint8Array(64 * 1024);

/** UTF-8 length of a string (a lone surrogate counts as U+FFFD, as writing the file encodes it), natively encoded into a reused buffer. */
export function utf8Length(text: string): number {
  // At most 3 bytes per UTF-16 code unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, scratch).written;
}
