import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boundedHeaderValues,
  cappedHeaderValue,
  defaultAttributionBounds,
  equalLevels,
} from '../../../../src/render/headers/header-cap.ts';
import { decodeHeaderValue, encodeHeaderValue, replaceControlCharacters } from '../../../../src/shared/header-value.ts';
import { usualChineseNotice } from '../../../fixtures/notices.ts';

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const characters = (text: string) => Array.from(graphemes.segment(text), ({ segment }) => segment);
const { maxCharacters, sharedLength } = defaultAttributionBounds;
const bounds = defaultAttributionBounds;

describe('capped header values', () => {
  it('sends a short value exactly as encodeHeaderValue does', () => {
    expect(cappedHeaderValue('Li Nian', bounds)).toBe('Li Nian');
    expect(cappedHeaderValue('责任编辑 李念', bounds)).toBe(encodeHeaderValue('责任编辑 李念'));
  });

  it('sends the usual Chinese copyright notice whole, contact address included', () => {
    expect(decodeHeaderValue(cappedHeaderValue(usualChineseNotice, bounds))).toBe(usualChineseNotice);
  });

  it('sends 300 characters whole in any script, and cuts the 301st with an ellipsis', () => {
    expect(maxCharacters).toBe(300);
    const scripts = ['编', 'ع', '😀', '👍🏽', '🇨🇳', 'é', 'Я'];
    for (const character of scripts) {
      const whole = character.repeat(300);
      expect(decodeHeaderValue(cappedHeaderValue(whole, bounds)), character).toBe(whole);
      const cut = decodeHeaderValue(cappedHeaderValue(whole + character, bounds));
      expect(cut, character).toBe(`${character.repeat(299)}…`);
    }
    expect(scripts).toHaveLength(7);
  });

  it("still sends whole what the old cap did: up to 400 encoded characters, as the seed's 315-character notice", () => {
    const seedNotice =
      'Special statement: if the pictures and texts reproduced or quoted on this site infringe your legitimate rights and interests, please contact this site, and this site will correct and delete them in time. For copyright issues and website cooperation, please contact through outlook new era email:lwxsd@liaowanghn.com';
    expect(characters(seedNotice)).toHaveLength(315);
    expect(cappedHeaderValue(seedNotice, bounds)).toBe(seedNotice);
    expect(cappedHeaderValue('a'.repeat(400), bounds)).toBe('a'.repeat(400));
    // Past 400 encoded, the longer of the two bounds decides what a cut keeps: as much as fits in 400 encoded
    // (the ellipsis makes it an ext-value: `UTF-8''` and `%E2%80%A6` take 16), more than 299 characters.
    const cut = cappedHeaderValue('a'.repeat(401), bounds);
    expect(cut).toHaveLength(400);
    expect(decodeHeaderValue(cut)).toBe(`${'a'.repeat(384)}…`);
  });

  it('never splits a grapheme: a skin-tone emoji, a flag or a family is kept whole or dropped whole', () => {
    const text = '👍🏽🇨🇳👨‍👩‍👧‍👦'.repeat(20);
    for (let maxLength = 16; maxLength < encodeHeaderValue(text).length; maxLength += 7) {
      const decoded = decodeHeaderValue(cappedHeaderValue(text, { maxCharacters, maxLength }));
      const kept = characters(decoded.slice(0, -1));
      expect(characters(text).slice(0, kept.length)).toEqual(kept);
    }
  });

  it('cuts a long value to a prefix of whole characters and an ellipsis, within both bounds', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 400 }),
        fc.integer({ min: 1, max: 320 }),
        fc.integer({ min: 16, max: 4000 }),
        (text, max, maxLength) => {
          const sent = cappedHeaderValue(text, { maxCharacters: max, maxLength });
          expect(sent).toMatch(/^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$|^$/);
          expect(sent.length).toBeLessThanOrEqual(Math.max(maxLength, encodeHeaderValue('…').length));
          const decoded = decodeHeaderValue(sent);
          const cleaned = replaceControlCharacters(text);
          expect(characters(decoded).length).toBeLessThanOrEqual(max);
          if (decoded === cleaned) return;
          expect(decoded.endsWith('…')).toBe(true);
          const kept = characters(decoded.slice(0, -1));
          expect(characters(cleaned).slice(0, kept.length).join('').trimEnd()).toBe(kept.join(''));
        },
      ),
    );
  });
});

describe('equal levels of a shared budget', () => {
  it('keeps every length that fits', () => {
    expect(equalLevels([10, 2000, 30], 5000)).toEqual([10, 2000, 30]);
  });

  it('cuts the longest first, down to one level', () => {
    expect(equalLevels([100, 3000, 2000, 50], 3000)).toEqual([100, 1425, 1425, 50]);
  });

  it('never leaves any value below an equal share, and never exceeds the budget', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20_000), { minLength: 1, maxLength: 6 }), fc.nat(10_000), (lengths, budget) => {
        const levels = equalLevels(lengths, budget);
        const kept = lengths.map((length, index) => Math.min(length, levels[index] ?? 0));
        expect(kept.reduce((sum, length) => sum + length, 0)).toBeLessThanOrEqual(budget);
        for (const [index, length] of lengths.entries())
          expect(kept[index]).toBeGreaterThanOrEqual(Math.min(length, Math.floor(budget / lengths.length)));
      }),
    );
  });
});

describe('bounded attribution values', () => {
  it('sends realistic Chinese credits whole beside a 2,048-character source URL', () => {
    const texts = {
      'X-Source': '新华网',
      'X-Editor': '张三',
      'X-Responsible-Editor': '李念',
      'X-Copyright': '编'.repeat(300),
    };
    const sent = boundedHeaderValues(texts, 2048);
    let checked = 0;
    for (const [name, text] of Object.entries(texts)) {
      expect(decodeHeaderValue(sent[name] ?? '')).toBe(text);
      checked++;
    }
    expect(checked).toBe(4);
  });

  it('cuts a 20 KB notice to 300 characters and leaves the names whole', () => {
    const texts = { 'X-Editor': 'Yi Yi', 'X-Copyright': '版权所有，'.repeat(1400) };
    const sent = boundedHeaderValues(texts, 30);
    expect(sent['X-Editor']).toBe('Yi Yi');
    const notice = decodeHeaderValue(sent['X-Copyright'] ?? '');
    expect(notice).toBe(`${'版权所有，'.repeat(60).slice(0, 299)}…`);
  });

  it('keeps the values of one response within the shared budget when every one is at its worst', () => {
    const worst = '👨‍👩‍👧‍👦'.repeat(300);
    const texts = { 'X-Source': worst, 'X-Editor': worst, 'X-Responsible-Editor': worst, 'X-Copyright': worst };
    const sent = boundedHeaderValues(texts, 2048);
    const total = Object.values(sent).reduce((sum, value) => sum + value.length, 0);
    expect(total).toBeLessThanOrEqual(sharedLength - 2048);
    let checked = 0;
    for (const value of Object.values(sent)) {
      expect(value.length).toBeGreaterThan(600);
      checked++;
    }
    expect(checked).toBe(4);
  });

  it('leaves out a value the article does not have', () => {
    expect(boundedHeaderValues({ 'X-Source': 'www.news.cn', 'X-Editor': undefined }, 0)).toEqual({
      'X-Source': 'www.news.cn',
    });
  });
});
