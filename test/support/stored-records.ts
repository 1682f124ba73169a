/** Stored record files made from and read back as text, through the Worker's own checks (decodeSelectedBytes): for tests. */
import {
  decodeSelectedBytes,
  encodeRecordBytes,
  type MetaCheck,
  type StoredRecord,
} from '../../src/archive/record-file.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The records `wanted` picks (all by default), their texts decoded; `count` is the file's number of records. */
export function decodeSelected<M>(
  file: string | Uint8Array,
  path: string,
  isMeta?: MetaCheck<M>,
  wanted?: (meta: M, position: number) => boolean,
): { readonly count: number; readonly records: StoredRecord<M>[] } {
  const bytes = typeof file === 'string' ? encoder.encode(file) : file;
  const { count, records } = decodeSelectedBytes(bytes, path, isMeta, wanted);
  return { count, records: records.map((record) => ({ meta: record.meta, text: decoder.decode(record.bytes) })) };
}

/** Every record of a stored file, checked as the Worker checks the records it serves. */
export function decodeRecords<M>(
  file: string | Uint8Array,
  path = 'stored file',
  isMeta?: MetaCheck<M>,
): StoredRecord<M>[] {
  return decodeSelected(file, path, isMeta).records;
}

/** The file of text records, as text (the build encodes each text where it renders it, encodeRecordBytes). */
export function encodeRecords<M>(records: readonly StoredRecord<M>[]): string {
  return decoder.decode(encodeRecordBytes(records.map(({ meta, text }) => ({ meta, bytes: encoder.encode(text) }))));
}
