/**
 * The format of stored files: one line with a checksum and the JSON index of each record's metadata, text
 * length and text fingerprint, then the texts back to back. Reading a record is a JSON.parse of the short first
 * line and one slice, not a parse of every page's escaped HTML; writing needs no escaping of the texts at all.
 */
import { StoredFileError } from './stored-file-error.ts';

export interface StoredRecord<M> {
  readonly meta: M;
  readonly text: string;
}

/** Accepts a record's metadata as the reader expects it; anything else makes the file a fault. */
export type MetaCheck<M> = (meta: unknown) => meta is M;

/** `wf1 ` + 8 hex digits of the index line's checksum + a space, then the index. */
const magic = 'wf1 ';
const prefixLength = magic.length + 9;

export function encodeRecords<M>(records: readonly StoredRecord<M>[]): string {
  // JSON.stringify escapes line breaks, so the index is exactly the first line.
  const index = JSON.stringify(
    records.map((record) => [record.meta, record.text.length, fingerprint(record.text, 0, record.text.length)]),
  );
  return `${magic}${checksum(index, 0, index.length)} ${index}\n${records.map((record) => record.text).join('')}`;
}

/** Every record of a stored file, each checked as `decodeSelected` checks the records it returns. */
export function decodeRecords<M>(file: string, path = 'stored file', isMeta?: MetaCheck<M>): StoredRecord<M>[] {
  return decodeSelected(file, path, isMeta).records;
}

/**
 * The records of a stored file that `wanted` picks (all by default), checked before use: the index line's
 * checksum, its shape, every length (they must add up to the file), each record's metadata (`isMeta`), and the
 * fingerprint of each picked record's text.
 * `count` is the number of records in the file. Any mismatch throws a StoredFileError naming `path`.
 */
export function decodeSelected<M>(
  file: string,
  path: string,
  isMeta?: MetaCheck<M>,
  wanted: (meta: M, position: number) => boolean = () => true,
): { readonly count: number; readonly records: StoredRecord<M>[] } {
  if (!file.startsWith(magic) || file.charCodeAt(prefixLength - 1) !== 0x20)
    throw new StoredFileError(path, 'is not a record file (no checksum line)');
  const newline = file.indexOf('\n', prefixLength);
  if (newline === -1) throw new StoredFileError(path, 'has no index line');
  if (file.slice(magic.length, prefixLength - 1) !== checksum(file, prefixLength, newline))
    throw new StoredFileError(path, 'index checksum does not match');
  let index: unknown;
  try {
    index = JSON.parse(file.slice(prefixLength, newline));
  } catch {
    throw new StoredFileError(path, 'index is not JSON');
  }
  if (!Array.isArray(index)) throw new StoredFileError(path, 'index is not a list');
  const records: StoredRecord<M>[] = [];
  let offset = newline + 1;
  for (const [position, entry] of (index as unknown[]).entries()) {
    if (!Array.isArray(entry) || entry.length !== 3)
      throw new StoredFileError(path, 'index entry is not [meta, length, fingerprint]');
    const [meta, length, sum] = entry as [unknown, unknown, unknown];
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0 || offset + length > file.length)
      throw new StoredFileError(path, 'index entry has an impossible length');
    if (isMeta && !isMeta(meta)) throw new StoredFileError(path, 'index entry has metadata of the wrong shape');
    if (wanted(meta as M, position)) {
      if (sum !== fingerprint(file, offset, offset + length))
        throw new StoredFileError(path, `record ${position} does not match its fingerprint`);
      records.push({ meta: meta as M, text: file.slice(offset, offset + length) });
    }
    offset += length;
  }
  if (offset !== file.length)
    throw new StoredFileError(path, `is ${file.length - offset} characters longer than its index`);
  return { count: index.length, records };
}

/** FNV-1a (32 bit) over UTF-16 code units `from`..`to`, 8 hex digits: for the index line, which is short. */
function checksum(text: string, from: number, to: number): string {
  let hash = 0x811c9dc5;
  for (let index = from; index < to; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Code units a record's fingerprint samples, evenly spaced, plus its last one. */
const samples = 64;

/**
 * A record text's fingerprint: FNV-1a over its length and 64 code units sampled evenly across it (every unit
 * of a short text). O(1) per record: hashing every page's full text cost 0.3–0.8 ms per cold list page in the
 * bench, more than the rest of wirefeed's own work. It catches a truncated, shifted, zeroed or swapped text;
 * a same-length change between samples is left to the upload, which Workers Static Assets verifies by hash.
 */
function fingerprint(text: string, from: number, to: number): string {
  const length = to - from;
  let hash = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  const step = Math.max(1, Math.floor(length / samples));
  for (let index = from; index < to; index += step) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  if (length > 0) hash = Math.imul(hash ^ text.charCodeAt(to - 1), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
