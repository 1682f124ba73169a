import { describe, expect, it } from 'vitest';
import { articlesPerPack, packCountFor, packOf, pageSpan } from '../../../src/archive/layout.ts';

describe('storage layout', () => {
  it('keeps about eight articles a pack, in a power-of-two number of packs', () => {
    expect([0, 1, 4, 5, 45, 1000, 100_000].map(packCountFor)).toEqual([1, 1, 1, 1, 8, 128, 16384]);
    for (const count of [5, 45, 1000, 100_000]) {
      expect(packCountFor(count) * articlesPerPack).toBeGreaterThanOrEqual(count);
      expect(packCountFor(count) * articlesPerPack).toBeLessThan(count * 2);
    }
  });

  it('puts a slug in the same pack every time, spread over all packs', () => {
    expect(packOf('sco-digital-link', 16)).toBe(packOf('sco-digital-link', 16));
    const used = new Set(Array.from({ length: 1000 }, (_, index) => packOf(`story-${index}`, 64)));
    expect(used.size).toBe(64);
  });

  it('maps newest-first pages onto publication-order chunks of one page size', () => {
    // 45 articles, 20 a page: page 1 is publication order 25..44 (chunks 1 and 2), page 3 is 0..4.
    expect(pageSpan(45, 20, 1)).toEqual({ from: 25, to: 45, firstChunk: 1, lastChunk: 2 });
    expect(pageSpan(45, 20, 2)).toEqual({ from: 5, to: 25, firstChunk: 0, lastChunk: 1 });
    expect(pageSpan(45, 20, 3)).toEqual({ from: 0, to: 5, firstChunk: 0, lastChunk: 0 });
    expect(pageSpan(40, 20, 1)).toEqual({ from: 20, to: 40, firstChunk: 1, lastChunk: 1 });
    expect(pageSpan(0, 20, 1)).toEqual({ from: 0, to: 0, firstChunk: 0, lastChunk: 0 });
  });
});
