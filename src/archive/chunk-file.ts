/**
 * Section chunk files: every list format of a run of articles in ONE file (a section costs one stored
 * file per page-size run, not four), each format's texts grouped, with their UTF-8 byte lengths in a
 * first-line index. A reader takes the bytes and splices in only the records its page serves, so a
 * section page costs about what a site list page (one file per format) costs, not four times as much.
 */
import { chunkFormats } from './section-layout.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** One article's fragments in `chunkFormats` order as UTF-8 bytes back to back, with each one's byte length. */
export interface FragmentRecord {
  readonly bytes: Uint8Array;
  readonly lengths: readonly number[];
}

/** An article's fragments, each encoded once where it was rendered; every chunk it goes into copies the bytes. */
export function fragmentRecord(parts: readonly Uint8Array[]): FragmentRecord {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { bytes, lengths: parts.map((part) => part.length) };
}

/** The file of a run of articles in publication order: an ASCII index line, then each format's records grouped. */
export function encodeSectionChunk(records: readonly FragmentRecord[]): Uint8Array {
  const formats = chunkFormats.map((_, format) => format);
  // Numbers only: the index line is ASCII, so its byte length is its length.
  const index = encoder.encode(
    `${JSON.stringify(formats.map((format) => records.map((record) => record.lengths[format] ?? 0)))}\n`,
  );
  const file = new Uint8Array(index.length + records.reduce((sum, record) => sum + record.bytes.length, 0));
  file.set(index, 0);
  let offset = index.length;
  for (const format of formats)
    for (const { bytes, lengths } of records) {
      let start = 0;
      for (let before = 0; before < format; before++) start += lengths[before] ?? 0;
      const length = lengths[format] ?? 0;
      file.set(bytes.subarray(start, start + length), offset);
      offset += length;
    }
  return file;
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
