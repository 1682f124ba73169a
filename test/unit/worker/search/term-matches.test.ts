import { describe, expect, it } from 'vitest';
import { termMatches } from '../../../../src/worker/search/term-matches.ts';

describe('termMatches', () => {
  it('matches a word only whole, as FTS5 does', () => {
    const text = 'Start the art fair; artists came.';
    expect(termMatches(text, ['art']).map((match) => text.slice(match.start, match.end))).toEqual(['art']);
  });

  it('matches across case, width and accents, and gives the original text', () => {
    const text = 'CAFÉ Ｃａｆｅ cafe\u0301';
    expect(termMatches(text, ['cafe']).map((match) => text.slice(match.start, match.end))).toEqual([
      'CAFÉ',
      'Ｃａｆｅ',
      'cafe\u0301',
    ]);
  });

  it('matches a CJK run anywhere, also inside a longer run', () => {
    const text = '数字经济，“数字纽带”';
    expect(termMatches(text, ['数字', '纽带']).map((match) => [match.start, match.end, match.term])).toEqual([
      [0, 2, 0],
      [6, 8, 0],
      [8, 10, 1],
    ]);
  });

  it('finds nothing without terms', () => {
    expect(termMatches('anything', [])).toEqual([]);
  });
});
