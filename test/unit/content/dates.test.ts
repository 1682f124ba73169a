import { describe, expect, it } from 'vitest';
import { readContentDate } from '../../../src/content/dates.ts';
import { parseMarkdownArticle } from '../../../src/content/markdown-article.ts';
import { articleOf } from '../../support/articles.ts';
import { fixture } from '../../support/content-folder.ts';
import { siteWith } from '../../support/sites.ts';

const isoOf = (text: string, timeZone = 'UTC') => {
  const reading = readContentDate(text, timeZone);
  return reading.ok ? reading.date.iso : reading.reason;
};

describe('content dates written by other newsrooms', () => {
  it.each([
    ['2025-7-6', '2025-07-06T00:00:00+08:00'],
    ['2025/07/16', '2025-07-16T00:00:00+08:00'],
    ['2025.07.16', '2025-07-16T00:00:00+08:00'],
    ['2025年7月16日', '2025-07-16T00:00:00+08:00'],
    ['2025年07月16日 08:30', '2025-07-16T08:30:00+08:00'],
    ['2025/7/16 8:05:09', '2025-07-16T08:05:09+08:00'],
    ['2025-07-16 08:00 +0800', '2025-07-16T08:00:00+08:00'],
    ['2025-07-16 08:00 +08', '2025-07-16T08:00:00+08:00'],
    ['2025-07-16 08:00 UTC', '2025-07-16T08:00:00Z'],
    ['2025-07-16 08:00 GMT+8', '2025-07-16T08:00:00+08:00'],
    ['2025-07-16T08:00:00Z', '2025-07-16T08:00:00Z'],
    ['2025-07-16T08:00:00.250Z', '2025-07-16T08:00:00.250Z'],
    ['２０２５-０７-１６ １０：３０', '2025-07-16T10:30:00+08:00'],
  ])('reads %s (year first, so never ambiguous)', (text, iso) => {
    expect(isoOf(text, 'Asia/Shanghai')).toBe(iso);
  });

  it('keeps milliseconds in the instant', () => {
    const reading = readContentDate('2025-07-16T08:00:00.250Z', 'UTC');
    expect(reading.ok && reading.date.epochMs).toBe(Date.UTC(2025, 6, 16, 8, 0, 0, 250));
  });

  it.each([
    ['16 July 2025', 'is not a date'],
    ['07/16/2025', 'is not a date'],
    ['2025-07/16', 'is not a date'],
    ['2025-07-16 24:00', 'hour 24 does not exist'],
    ['2025-02-29', 'day 29 does not exist in 2025-02'],
    ['0000-01-01', 'year 0000 does not exist'],
  ])('refuses %s', (text, reason) => {
    expect(isoOf(text)).toContain(reason);
  });

  it('accepts the leap day and the far ends of the calendar', () => {
    expect(isoOf('2024-02-29')).toBe('2024-02-29T00:00:00+00:00');
    expect(isoOf('9999-12-31 23:59:59')).toBe('9999-12-31T23:59:59+00:00');
    expect(isoOf('0001-01-01')).toBe('0001-01-01T00:00:00+00:00');
  });

  it('keeps the written time of day where the zone used local mean time (offsets with seconds)', () => {
    const reading = readContentDate('1900-01-01', 'Asia/Shanghai');
    expect(reading.ok && reading.date).toEqual({
      iso: '1900-01-01T00:00:00+08:06',
      epochMs: Date.UTC(1900, 0, 1) - (8 * 60 + 6) * 60_000,
    });
  });

  it('reads a front matter date with milliseconds', () => {
    const article = articleOf(
      parseMarkdownArticle('articles/fractional-seconds.md', fixture('markdown/fractional-seconds.md'), siteWith()),
    );
    expect(article.published).toEqual({
      iso: '2025-07-16T08:00:00.250Z',
      epochMs: Date.UTC(2025, 6, 16, 8, 0, 0, 250),
    });
  });
});
