import { describe, expect, it } from 'vitest';
import { encodeSectionChunk, fragmentRecord, sectionChunkBytes } from '../../../src/archive/chunk-file.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const utf8Bytes = (text: string): Uint8Array => encoder.encode(text);
/** The records as a page sends them, read back as text. */
const decodeSectionChunk = (bytes: Uint8Array, format: number, from: number, to: number): string[] =>
  sectionChunkBytes(bytes, format, from, to).map((record) => decoder.decode(record));

const articles = [
  ['<item>a</item>', '<entry>a</entry>', '{"id":"a"}', '<li>a</li>'],
  ['<item>经济 & ]]></item>', '<entry>Économie 🚀</entry>', '{"id":"\\u003c"}', '<li>\u202eRTL</li>'],
  ['<item>c</item>', '<entry>c</entry>', '{"id":"c"}', '<li>c</li>'],
];

describe('section chunk files', () => {
  const bytes = encodeSectionChunk(articles.map((texts) => fragmentRecord(texts.map(utf8Bytes))));

  it('give back each format’s records exactly, whatever script they hold', () => {
    for (const format of [0, 1, 2, 3]) {
      expect(decodeSectionChunk(bytes, format, 0, 3)).toEqual(articles.map((texts) => texts[format]));
    }
  });

  it('decode only the records asked for', () => {
    expect(decodeSectionChunk(bytes, 1, 1, 3)).toEqual(['<entry>Économie 🚀</entry>', '<entry>c</entry>']);
    expect(decodeSectionChunk(bytes, 3, 2, 3)).toEqual(['<li>c</li>']);
    expect(decodeSectionChunk(bytes, 0, 0, 0)).toEqual([]);
  });

  it('refuse a file shorter than its index', () => {
    expect(() => decodeSectionChunk(bytes.subarray(0, bytes.length - 5), 3, 0, 3)).toThrow(/shorter than its index/);
  });

  it('refuse an index whose lengths are not byte counts', () => {
    const texts = 'abcd';
    expect(() => decodeSectionChunk(utf8Bytes(`[["a"],[1],[1],[1]]\n${texts}`), 1, 0, 1)).toThrow(
      /shorter than its index/,
    );
    expect(() => decodeSectionChunk(utf8Bytes(`[[0.5],[1],[1],[1]]\n${texts}`), 1, 0, 1)).toThrow(
      /shorter than its index/,
    );
  });
});
