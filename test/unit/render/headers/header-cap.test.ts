import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cappedHeaderValue } from '../../../../src/render/headers/header-cap.ts';
import { decodeHeaderValue, encodeHeaderValue } from '../../../../src/shared/header-value.ts';

describe('capped header values', () => {
  it('sends a short value exactly as encodeHeaderValue does', () => {
    expect(cappedHeaderValue('Li Nian')).toBe('Li Nian');
    expect(cappedHeaderValue('责任编辑 李念')).toBe(encodeHeaderValue('责任编辑 李念'));
  });

  it('sends a long value as a prefix and an ellipsis, within the cap, still a valid ext-value', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 0, maxLength: 600 }),
        fc.integer({ min: 40, max: 400 }),
        (text, max) => {
          const sent = cappedHeaderValue(text, max);
          expect(sent.length).toBeLessThanOrEqual(Math.max(max, encodeHeaderValue(text).length <= max ? 0 : max));
          expect(sent).toMatch(/^[\x20-\x7e]*$/);
          const decoded = decodeHeaderValue(sent);
          if (encodeHeaderValue(text).length > max) {
            expect(decoded.endsWith('…')).toBe(true);
            expect(decodeHeaderValue(encodeHeaderValue(text)).startsWith(decoded.slice(0, -1).trimEnd())).toBe(true);
          }
        },
      ),
    );
  });
});
