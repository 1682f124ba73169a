import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSelectedBytes } from '../../../src/archive/record-file.ts';
import { decodeRecords, decodeSelected, encodeRecords } from '../../support/stored-records.ts';

const encoder = new TextEncoder();

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

  it('give each record as the UTF-8 bytes stored, its length counted in bytes', () => {
    const file = encoder.encode(
      encodeRecords([
        { meta: 0, text: '数字 😀' },
        { meta: 0, text: 'a' },
      ]),
    );
    const { count, records } = decodeSelectedBytes(file, 'p');
    expect(count).toBe(2);
    expect(records.map((record) => record.bytes)).toEqual([encoder.encode('数字 😀'), encoder.encode('a')]);
    expect(records[0]?.bytes.buffer).toBe(file.buffer);
  });

  it('refuse a file whose texts do not match its index', () => {
    expect(() => decodeRecords(`${encodeRecords([{ meta: 0, text: 'abc' }])}extra`)).toThrow(/longer than its index/);
  });
});

describe('stored record files are checked before use', () => {
  const good = encodeRecords([{ meta: 0, text: 'abc' }]);
  const isZero = (meta: unknown): meta is 0 => meta === 0;

  it.each([
    ['an old file without a checksum line', '[[0,3]]\nabc'],
    ['an empty file', ''],
    ['a flipped character', good.replace('abc', 'abd')],
    ['a truncated file', good.slice(0, -1)],
    [
      'a file one byte short of a character',
      encoder.encode(encodeRecords([{ meta: 0, text: 'abc经' }])).subarray(0, -1),
    ],
  ])('refuses %s, naming the file', (_, file) => {
    expect(() => decodeRecords(file, 'lists/rss/0.json')).toThrow(/^stored file lists\/rss\/0\.json: /);
  });

  it('refuses an index entry whose metadata has the wrong shape', () => {
    expect(() => decodeRecords(encodeRecords([{ meta: 'x', text: 'abc' }]), 'p', isZero)).toThrow(/wrong shape/);
    expect(decodeRecords(good, 'p', isZero)).toEqual([{ meta: 0, text: 'abc' }]);
  });

  it('catches a same-length overwrite of a block in a long text', () => {
    const text = 'The ministers met in Tianjin. '.repeat(400);
    const file = encodeRecords([{ meta: 0, text }]);
    const start = file.indexOf('\n') + 5000;
    const damaged = `${file.slice(0, start)}${'x'.repeat(400)}${file.slice(start + 400)}`;
    expect(() => decodeRecords(damaged, 'p')).toThrow(/record 0 does not match its fingerprint/);
  });

  it('checks the text of the records it returns, and only those', () => {
    const file = encodeRecords([
      { meta: 0, text: 'first' },
      { meta: 0, text: 'second' },
    ]).replace('second', 'sEcond');
    expect(decodeSelected(file, 'p', isZero, (_, position) => position === 0)).toEqual({
      count: 2,
      records: [{ meta: 0, text: 'first' }],
    });
    expect(() => decodeSelected(file, 'p', isZero, (_, position) => position === 1)).toThrow(
      /record 1 does not match its fingerprint/,
    );
  });
});
