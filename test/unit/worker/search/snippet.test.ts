import { describe, expect, it } from 'vitest';
import { markedText, snippet, snippetLength } from '../../../../src/worker/search/snippet.ts';

const plain = (parts: readonly { text: string }[]) => parts.map((part) => part.text).join('');
const marked = (parts: readonly { text: string; match: boolean }[]) =>
  parts.filter((part) => part.match).map((part) => part.text);

describe('markedText', () => {
  it('marks every match of a title', () => {
    expect(markedText('Port cranes & more cranes', ['cranes'])).toEqual([
      { text: 'Port ', match: false },
      { text: 'cranes', match: true },
      { text: ' & more ', match: false },
      { text: 'cranes', match: true },
    ]);
  });
});

describe('snippet', () => {
  it('gives a short text whole, whitespace collapsed', () => {
    expect(snippet('Trade\n\ntalks  open.', ['talks'])).toEqual([
      { text: 'Trade ', match: false },
      { text: 'talks', match: true },
      { text: ' open.', match: false },
    ]);
  });

  it('cuts a long text at spaces around the match, with an ellipsis on each cut side', () => {
    const text = `${'Filler words come first. '.repeat(20)}The harbour cranes arrived today. ${'More filler follows. '.repeat(20)}`;
    const parts = snippet(text, ['cranes']);
    const excerpt = plain(parts);
    expect(marked(parts)).toEqual(['cranes']);
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(snippetLength + 2);
    expect(excerpt.length).toBeGreaterThan(snippetLength / 2);
    // Whole words at both cuts.
    expect(excerpt).toMatch(/^…[A-Z][a-z]+ .* [a-z]+\.?…$/);
  });

  it('prefers the window with the most different terms over the first match', () => {
    const text = `Trade came first. ${'Unrelated words. '.repeat(30)}Trade talks resumed. ${'Other words. '.repeat(30)}`;
    expect(marked(snippet(text, ['trade', 'talks']))).toEqual(['Trade', 'talks']);
  });

  it('gives the opening without a match', () => {
    const parts = snippet('word '.repeat(100), ['absent']);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.match).toBe(false);
    expect(parts[0]?.text.endsWith('word…')).toBe(true);
  });

  it('cuts Chinese between characters, never inside an emoji or a letter and its accent', () => {
    const text = `${'数字经济合作持续深化。'.repeat(30)}😀e\u0301${'纽带越来越牢固。'.repeat(30)}`;
    const parts = snippet(text, ['纽带']);
    const excerpt = plain(parts);
    expect(marked(parts)[0]).toBe('纽带');
    expect(excerpt).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(excerpt).not.toMatch(/^…\u0301/);
    expect(excerpt.startsWith('…') && excerpt.endsWith('…')).toBe(true);
  });
});
