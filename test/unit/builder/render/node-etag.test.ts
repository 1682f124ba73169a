import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeStrongEtag } from '../../../../src/builder/render/node-etag.ts';
import { strongEtag } from '../../../../src/shared/etag.ts';

describe('nodeStrongEtag', () => {
  it('gives the ETag the Worker computes for the same text', async () => {
    let checked = 0;
    for (const text of [
      '',
      'a',
      '<p>Hello & “world”</p>',
      '上海合作组织',
      'lone \ud800 surrogate',
      'x'.repeat(100_000),
    ]) {
      expect(nodeStrongEtag(text)).toBe(await strongEtag(text));
      checked++;
    }
    expect(checked).toBe(6);
  });

  it('agrees with crypto.subtle on any string', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary' }), async (text) => {
        expect(nodeStrongEtag(text)).toBe(await strongEtag(text));
      }),
    );
  });

  it('gives a text and its UTF-8 bytes one ETag (a published file is tagged from either)', () => {
    let checked = 0;
    for (const text of ['', '<p>Hello & “world”</p>', '上海合作组织', 'lone \ud800 surrogate']) {
      expect(nodeStrongEtag(new TextEncoder().encode(text))).toBe(nodeStrongEtag(text));
      checked++;
    }
    expect(checked).toBe(4);
  });
});
