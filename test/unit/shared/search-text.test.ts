import { describe, expect, it } from 'vitest';
import {
  cjkTokens,
  foldForSearch,
  isCjkTerm,
  searchSegments,
  searchText,
  visibleText,
} from '../../../src/shared/search-text.ts';

describe('foldForSearch', () => {
  it.each([
    ['case', 'Digital ECONOMY', 'digital economy'],
    ['Latin accents', 'Café Zürich São Paulo', 'cafe zurich sao paulo'],
    ['full-width letters and digits', 'ＡＩ２０２５', 'ai2025'],
    ['half-width katakana', 'ｶﾀｶﾅ', 'カタカナ'],
    ['compatibility symbols', '㎒ ﬁ', 'mhz fi'],
    ['the dotted capital I', 'İstanbul', 'istanbul'],
    ['controls as spaces', 'a\u0000b\r\nc', 'a b  c'],
    ['format characters removed', 'wo\u00adrd\u200d', 'word'],
    ['lone surrogates as spaces', 'a\uD800b\uDC00c', 'a b c'],
  ])('folds %s', (_, text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });

  it('keeps CJK, Hangul and emoji as they are', () => {
    expect(foldForSearch('数字经济 한국어 😀')).toBe('数字经济 한국어 😀');
  });

  it('keeps what a reader sees in visibleText: accents and case stay', () => {
    expect(visibleText('Café\u0000\u200b')).toBe('Café ');
  });
});

describe('cjkTokens', () => {
  it('starts a token at every character: the bigram with the next, or the last alone', () => {
    expect(cjkTokens('上合组织')).toEqual(['上合', '合组', '组织', '织']);
  });

  it('gives a single character itself', () => {
    expect(cjkTokens('津')).toEqual(['津']);
  });

  it('keeps a character outside the Basic Multilingual Plane whole', () => {
    expect(cjkTokens('𠀀字')).toEqual(['𠀀字', '字']);
  });
});

describe('searchText', () => {
  it('cuts each CJK run into its tokens and leaves the rest for unicode61', () => {
    expect(searchText('2025年上合组织，Digital论坛')).toBe('2025 年上 上合 合组 组织 织 ,digital 论坛 坛 ');
  });

  it('cuts kana and hangul runs too, not CJK punctuation', () => {
    expect(searchText('ラーメン。한국')).toBe(' ラー ーメ メン ン 。 한국 국 ');
  });

  it('is the same for text folded twice (the query folds before it segments)', () => {
    const text = 'ＡＩ芯片 Café 上合';
    expect(searchText(foldForSearch(text))).toBe(searchText(text));
  });
});

describe('searchSegments', () => {
  it('splits a word into CJK runs and the word tokens around them', () => {
    expect(searchSegments('iphone手机-e-mail')).toEqual([
      { kind: 'words', tokens: ['iphone'] },
      { kind: 'cjk', run: '手机' },
      { kind: 'words', tokens: ['e', 'mail'] },
    ]);
  });

  it('gives nothing for punctuation, symbols and emoji', () => {
    expect(searchSegments('"*()^:-😀\ufffd')).toEqual([]);
  });
});

describe('isCjkTerm', () => {
  it('tells a CJK run from a word token', () => {
    expect([isCjkTerm('数字'), isCjkTerm('ラーメン'), isCjkTerm('cafe'), isCjkTerm('2025年')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
