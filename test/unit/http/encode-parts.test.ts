import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeParts, joinedParts } from '../../../src/http/encode-parts.ts';

const encoder = new TextEncoder();

describe('encodeParts', () => {
  it('gives the bytes of the joined text: ASCII, Chinese, emoji and empty parts', () => {
    const parts = ['<rss>', '', '数字丝绸之路', '😀 “quotes”', '\n</rss>\n'];
    expect(encodeParts(parts)).toEqual(encoder.encode(parts.join('')));
  });

  it('keeps no spare capacity: the bytes are exactly the text’s', () => {
    const bytes = encodeParts(['é', 'x']);
    expect(bytes.byteLength).toBe(3);
    expect(bytes.buffer.byteLength).toBe(3);
  });

  it('equals encoding the join for any whole-character parts', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (parts) => {
        expect(encodeParts(parts)).toEqual(encoder.encode(parts.join('')));
      }),
    );
  });
});

describe('joinedParts', () => {
  it('puts the separator between the lines only', () => {
    expect(joinedParts(['a', 'b', 'c'], '\n')).toEqual(['a', '\n', 'b', '\n', 'c']);
    expect(joinedParts([], '\n')).toEqual([]);
  });
});
