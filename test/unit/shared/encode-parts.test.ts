import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeParts, joinedParts } from '../../../src/shared/encode-parts.ts';

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

  it('splices stored bytes between the text parts, as if the whole text were encoded', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.boolean())), (pieces) => {
        const parts = pieces.map(([text, stored]) => (stored ? encoder.encode(text) : text));
        expect(encodeParts(parts)).toEqual(encoder.encode(pieces.map(([text]) => text).join('')));
      }),
    );
  });

  it('counts a lone surrogate in markup as U+FFFD, as encoding does', () => {
    expect(encodeParts(['a\ud800', encoder.encode('é'), '\udc00'])).toEqual(encoder.encode('a\ud800é\udc00'));
  });

  it('shares nothing with the stored file a fragment is a view of', () => {
    const file = encoder.encode('index\n<item>one</item>');
    const bytes = encodeParts(['<rss>', file.subarray(6), '</rss>']);
    file.fill(0);
    expect(new TextDecoder().decode(bytes)).toBe('<rss><item>one</item></rss>');
    expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
  });
});

describe('joinedParts', () => {
  it('puts the separator between the lines only', () => {
    expect(joinedParts(['a', 'b', 'c'], '\n')).toEqual(['a', '\n', 'b', '\n', 'c']);
    expect(joinedParts([], '\n')).toEqual([]);
  });
});
