import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/content/summary.ts';

describe('summaries', () => {
  it('keeps short text whole, whitespace collapsed', () => {
    expect(summarize('  One\n two\t three. ')).toBe('One two three.');
  });

  it('cuts spaced text at the last space that keeps half the limit', () => {
    expect(summarize('alpha beta gamma delta', 14)).toBe('alpha beta…');
  });

  it('cuts text without spaces at the last sentence end that keeps half the limit', () => {
    expect(summarize('第一句话。第二句话！第三句话没有结束', 12)).toBe('第一句话。第二句话！…');
  });

  it.each([
    ['a family emoji', '👨‍👩‍👧‍👦', 10, '👨‍👩‍👧‍👦…'],
    ['a flag', '🇨🇳', 10, '🇨🇳🇨🇳🇨🇳🇨🇳…'],
    ['a letter with a combining accent', 'e\u0301', 10, 'e\u0301e\u0301e\u0301e\u0301…'],
    ['an astral character', '😀', 10, '😀😀😀😀😀😀😀😀😀…'],
  ])('never cuts inside %s', (_name, unit, limit, expected) => {
    const summary = summarize(unit.repeat(40), limit);
    expect(summary).toBe(expected);
    expect(Array.from(summary).length).toBeLessThanOrEqual(limit);
  });
});
