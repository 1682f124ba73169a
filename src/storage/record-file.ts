/**
 * The format of stored files: one line with a checksum and the JSON index of each record's metadata and
 * text length, then the texts back to back. Reading a record is a JSON.parse of the short first line and
 * one slice, not a parse of every page's escaped HTML; writing needs no escaping of the texts at all.
 */
import { StoredFileError } from './stored-file-error.ts';

export interface StoredRecord<M> {
  readonly meta: M;
  readonly text: string;
}

/** Accepts a record's metadata as the reader expects it; anything else makes the file a fault. */
export type MetaCheck<M> = (meta: unknown) => meta is M;

/** `wf1 ` + 8 hex digits of the checksum + a space, then the index. */
const magic = 'wf1 ';
const prefixLength = magic.length + 9;

export function encodeRecords<M>(records: readonly StoredRecord<M>[]): string {
  // JSON.stringify escapes line breaks, so the index is exactly the first line.
  const index = JSON.stringify(records.map((record) => [record.meta, record.text.length]));
  const rest = `${index}\n${records.map((record) => record.text).join('')}`;
  return `${magic}${checksum(rest, 0)} ${rest}`;
}

/**
 * The records of a stored file, checked before use: the checksum the file carries, the index's shape,
 * every length, and each record's metadata (`isMeta`). Any mismatch throws a StoredFileError naming `path`.
 */
export function decodeRecords<M>(file: string, path = 'stored file', isMeta?: MetaCheck<M>): StoredRecord<M>[] {
  if (!file.startsWith(magic) || file.charCodeAt(prefixLength - 1) !== 0x20)
    throw new StoredFileError(path, 'is not a record file (no checksum line)');
  if (file.slice(magic.length, prefixLength - 1) !== checksum(file, prefixLength))
    throw new StoredFileError(path, 'checksum does not match its contents');
  const newline = file.indexOf('\n', prefixLength);
  if (newline === -1) throw new StoredFileError(path, 'has no index line');
  let index: unknown;
  try {
    index = JSON.parse(file.slice(prefixLength, newline));
  } catch {
    throw new StoredFileError(path, 'index is not JSON');
  }
  if (!Array.isArray(index)) throw new StoredFileError(path, 'index is not a list');
  const records: StoredRecord<M>[] = [];
  let offset = newline + 1;
  for (const entry of index as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2)
      throw new StoredFileError(path, 'index entry is not [meta, length]');
    const [meta, length] = entry as [unknown, unknown];
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0 || offset + length > file.length)
      throw new StoredFileError(path, 'index entry has an impossible length');
    if (isMeta && !isMeta(meta)) throw new StoredFileError(path, 'index entry has metadata of the wrong shape');
    records.push({ meta: meta as M, text: file.slice(offset, offset + length) });
    offset += length;
  }
  if (offset !== file.length)
    throw new StoredFileError(path, `is ${file.length - offset} characters longer than its index`);
  return records;
}

/** FNV-1a (32 bit) over the UTF-16 code units from `from`: catches truncation and corruption, not an attacker. */
function checksum(text: string, from: number): string {
  let hash = 0x811c9dc5;
  for (let index = from; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
