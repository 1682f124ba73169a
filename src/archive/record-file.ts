/**
 * The format of stored files: one line with a checksum and the JSON index of each record's metadata, text
 * length in UTF-8 bytes and text fingerprint, then the texts back to back. Reading a record is a JSON.parse of
 * the short first line and one view of the file's bytes, not a parse of every page's escaped HTML nor a decoding
 * of its text; writing needs no escaping of the texts at all.
 */
import { StoredFileError } from './stored-file-error.ts';

export interface StoredRecord<M> {
  readonly meta: M;
  readonly text: string;
}

/** Accepts a record's metadata as the reader expects it; anything else makes the file a fault. */
export type MetaCheck<M> = (meta: unknown) => meta is M;

/** A record picked from a stored file's bytes: its text as the UTF-8 bytes stored (a view into the file). */
export interface StoredBytesRecord<M> {
  readonly meta: M;
  readonly bytes: Uint8Array;
}

/**
 * `wf2 ` + 8 hex digits of the index line's checksum + a space, then the index. wf2 counts lengths in UTF-8
 * bytes (wf1 counted UTF-16 code units), so a reader splices a record's stored bytes without decoding them.
 */
const magic = 'wf2 ';
const magicBytes = [0x77, 0x66, 0x32, 0x20];
const prefixLength = magic.length + 9;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A record as the build stores it: its metadata and its text's UTF-8 bytes (encoded once, where it was rendered). */
export interface EncodedRecord<M> {
  readonly meta: M;
  readonly bytes: Uint8Array;
}

/** The file's bytes: the checksummed index line (byte lengths and fingerprints), then the records' bytes copied in. */
export function encodeRecordBytes<M>(records: readonly EncodedRecord<M>[]): Uint8Array {
  // JSON.stringify escapes line breaks, so the index is exactly the first line.
  const line = encoder.encode(
    JSON.stringify(records.map(({ meta, bytes }) => [meta, bytes.length, fingerprint(bytes, 0, bytes.length)])),
  );
  const head = encoder.encode(`${magic}${checksum(line, 0, line.length)} `);
  let size = head.length + line.length + 1;
  for (const { bytes } of records) size += bytes.length;
  const file = new Uint8Array(size);
  file.set(head, 0);
  file.set(line, head.length);
  let offset = head.length + line.length;
  file[offset++] = 0x0a;
  for (const { bytes } of records) {
    file.set(bytes, offset);
    offset += bytes.length;
  }
  return file;
}

/**
 * The records of a stored file's bytes that `wanted` picks (all by default), checked before use: the index
 * line's checksum, its shape, every length (they must add up to the file's byte count), each record's metadata
 * (`isMeta`), and the fingerprint of each picked record's bytes. Only the short index line is decoded; each
 * picked record is a view of the file's bytes, ready to send. `count` is the number of records in the file.
 * Any mismatch throws a StoredFileError naming `path`.
 */
export function decodeSelectedBytes<M>(
  bytes: Uint8Array,
  path: string,
  isMeta?: MetaCheck<M>,
  wanted: (meta: M, position: number) => boolean = () => true,
): { readonly count: number; readonly records: StoredBytesRecord<M>[] } {
  if (
    bytes.length < prefixLength ||
    magicBytes.some((byte, at) => bytes[at] !== byte) ||
    bytes[prefixLength - 1] !== 0x20
  )
    throw new StoredFileError(path, 'is not a record file (no checksum line)');
  const newline = bytes.indexOf(0x0a, prefixLength);
  if (newline === -1) throw new StoredFileError(path, 'has no index line');
  if (String.fromCharCode(...bytes.subarray(magic.length, prefixLength - 1)) !== checksum(bytes, prefixLength, newline))
    throw new StoredFileError(path, 'index checksum does not match');
  let index: unknown;
  try {
    index = JSON.parse(decoder.decode(bytes.subarray(prefixLength, newline)));
  } catch {
    throw new StoredFileError(path, 'index is not JSON');
  }
  if (!Array.isArray(index)) throw new StoredFileError(path, 'index is not a list');
  const records: StoredBytesRecord<M>[] = [];
  let offset = newline + 1;
  for (const [position, entry] of (index as unknown[]).entries()) {
    if (!Array.isArray(entry) || entry.length !== 3)
      throw new StoredFileError(path, 'index entry is not [meta, length, fingerprint]');
    const [meta, length, sum] = entry as [unknown, unknown, unknown];
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0 || offset + length > bytes.length)
      throw new StoredFileError(path, 'index entry has an impossible length');
    if (isMeta && !isMeta(meta)) throw new StoredFileError(path, 'index entry has metadata of the wrong shape');
    if (wanted(meta as M, position)) {
      if (sum !== fingerprint(bytes, offset, offset + length))
        throw new StoredFileError(path, `record ${position} does not match its fingerprint`);
      records.push({ meta: meta as M, bytes: bytes.subarray(offset, offset + length) });
    }
    offset += length;
  }
  if (offset !== bytes.length)
    throw new StoredFileError(path, `is ${bytes.length - offset} bytes longer than its index`);
  return { count: index.length, records };
}

/** FNV-1a (32 bit) over bytes `from`..`to`, 8 hex digits: for the index line, which is short. */
function checksum(bytes: Uint8Array, from: number, to: number): string {
  let hash = 0x811c9dc5;
  for (let index = from; index < to; index++) {
    hash ^= bytes[index] as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Bytes a record's fingerprint samples, evenly spaced, plus its last one. */
const samples = 64;

/**
 * A record's fingerprint: FNV-1a over its byte length and 64 bytes sampled evenly across it (every byte of a
 * short text). O(1) per record: hashing every page's full text cost 0.3–0.8 ms per cold list page in the
 * bench, more than the rest of wirefeed's own work. It catches a truncated, shifted, zeroed or swapped text;
 * a same-length change between samples is left to the upload, which the publish endpoint verifies by hash.
 */
function fingerprint(bytes: Uint8Array, from: number, to: number): string {
  const length = to - from;
  let hash = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  const step = Math.max(1, Math.floor(length / samples));
  for (let index = from; index < to; index += step) {
    hash ^= bytes[index] as number;
    hash = Math.imul(hash, 0x01000193);
  }
  if (length > 0) hash = Math.imul(hash ^ (bytes[to - 1] as number), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
