import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecords } from '../../../src/storage/record-file.ts';

describe('stored record files', () => {
  it('give back every record exactly, whatever the texts hold', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ meta: fc.string(), text: fc.string({ unit: 'grapheme' }) })), (records) => {
        expect(decodeRecords(encodeRecords(records))).toEqual(records);
      }),
    );
  });

  it('keep line breaks, quotes and surrogate pairs in texts and metadata', () => {
    const records = [
      { meta: ['a\nb', { ETag: '"x"' }], text: '<p>\n"]]>"\n</p>' },
      { meta: ['😀', {}], text: '责任编辑 李念 😀\r\n' },
    ];
    expect(decodeRecords(encodeRecords(records))).toEqual(records);
  });

  it('refuse a file whose texts do not match its index', () => {
    expect(() => decodeRecords(`${encodeRecords([{ meta: 0, text: 'abc' }])}extra`)).toThrow(/checksum/);
  });
});
