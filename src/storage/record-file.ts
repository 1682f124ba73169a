/**
 * The format of stored files: one JSON line that lists each record's metadata and text length, then
 * the texts back to back. Reading a record is a JSON.parse of the short first line and one slice,
 * not a parse of every page's escaped HTML; writing needs no escaping of the texts at all.
 */

export interface StoredRecord<M> {
  readonly meta: M;
  readonly text: string;
}

export function encodeRecords<M>(records: readonly StoredRecord<M>[]): string {
  // JSON.stringify escapes line breaks, so the index is exactly the first line.
  const index = JSON.stringify(records.map((record) => [record.meta, record.text.length]));
  return `${index}\n${records.map((record) => record.text).join('')}`;
}

export function decodeRecords<M>(file: string): StoredRecord<M>[] {
  const newline = file.indexOf('\n');
  const index = JSON.parse(file.slice(0, newline)) as [M, number][];
  const records: StoredRecord<M>[] = [];
  let offset = newline + 1;
  for (const [meta, length] of index) {
    records.push({ meta, text: file.slice(offset, offset + length) });
    offset += length;
  }
  if (offset !== file.length)
    throw new Error(`stored file is ${file.length - offset} characters longer than its index`);
  return records;
}
