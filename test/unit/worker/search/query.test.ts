import { describe, expect, it } from 'vitest';
import { maxQueryLength, parseSearchQuery } from '../../../../src/worker/search/query.ts';
import { hostileQueries } from '../../../support/hostile.ts';

describe('parseSearchQuery', () => {
  it('reads an absent, empty or blank query as empty (the form)', () => {
    let checked = 0;
    for (const raw of [undefined, '', '   ', '\t\n', '\u3000']) {
      expect(parseSearchQuery(raw), JSON.stringify(raw)).toEqual({ kind: 'empty' });
      checked++;
    }
    expect(checked).toBe(5);
  });

  it('quotes each word and ANDs them, normalized and folded', () => {
    expect(parseSearchQuery('  Digital   ECONOMY ')).toEqual({
      kind: 'query',
      text: 'digital economy',
      match: '"digital" "economy"',
      terms: ['digital', 'economy'],
    });
  });

  it('keeps accents in the text shown back and folds them in the match', () => {
    expect(parseSearchQuery('Café')).toEqual({ kind: 'query', text: 'café', match: '"cafe"', terms: ['cafe'] });
  });

  it('reads full-width letters as their plain forms', () => {
    expect(parseSearchQuery('ＡＩ')).toMatchObject({ text: 'ai', match: '"ai"' });
  });

  it('searches a two-character Chinese word as its one bigram', () => {
    expect(parseSearchQuery('数字')).toEqual({ kind: 'query', text: '数字', match: '"数字"', terms: ['数字'] });
  });

  it('searches a longer Chinese run as the phrase of its bigrams, without the run-end token', () => {
    expect(parseSearchQuery('上合组织')).toMatchObject({ match: '"上合 合组 组织"', terms: ['上合组织'] });
  });

  it('searches a single CJK character as a prefix', () => {
    expect(parseSearchQuery('津')).toMatchObject({ match: '"津"*', terms: ['津'] });
  });

  it('splits a word of mixed scripts into its pieces', () => {
    expect(parseSearchQuery('2025年')).toMatchObject({ match: '"2025" "年"*', terms: ['2025', '年'] });
  });

  it('reads one word that punctuation splits as a phrase of its tokens', () => {
    expect(parseSearchQuery('e-mail')).toMatchObject({ match: '"e mail"', terms: ['e', 'mail'] });
  });

  it('reads FTS5 operators as words', () => {
    expect(parseSearchQuery('digital OR NOT economy')).toMatchObject({
      match: '"digital" "or" "not" "economy"',
    });
  });

  it('drops FTS5 syntax characters: no quote, star, caret, colon or parenthesis reaches the match', () => {
    expect(parseSearchQuery('"title":digi* ^(NEAR -x)')).toMatchObject({ match: '"title digi" "near" "x"' });
  });

  it('asks for a repeated word once', () => {
    expect(parseSearchQuery('trade Trade TRADE')).toMatchObject({ match: '"trade"', terms: ['trade'] });
  });

  it(`accepts ${maxQueryLength} characters and refuses ${maxQueryLength + 1}, counted in code points`, () => {
    expect(parseSearchQuery('字'.repeat(maxQueryLength)).kind).toBe('query');
    expect(parseSearchQuery('😀'.repeat(maxQueryLength)).kind).toBe('empty');
    expect(parseSearchQuery('字'.repeat(maxQueryLength + 1))).toEqual({ kind: 'too-long' });
  });

  it('counts the length after whitespace is collapsed and trimmed', () => {
    expect(parseSearchQuery(`  ${'a '.repeat(100)}  `).kind).toBe('query');
  });

  it('reads every hostile query as expected, and no match holds a character outside a quoted string', () => {
    let checked = 0;
    for (const [name, query, kind] of hostileQueries) {
      const parsed = parseSearchQuery(query);
      expect(parsed.kind, name).toBe(kind);
      if (parsed.kind === 'query') {
        // Outside the quoted strings only spaces and the prefix star are left.
        expect(parsed.match.replace(/"(?:[^"]|"")*"/g, ''), name).toMatch(/^[ *]*$/);
        expect(parsed.match, name).not.toMatch(/[\p{Cc}\p{Cs}\ufffd]/u);
      }
      checked++;
    }
    expect(checked).toBe(47);
  });
});
