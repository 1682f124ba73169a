import { describe, expect, it } from 'vitest';
import { archiveUpdated, EMPTY_ARCHIVE_DATE, rfc822Date, rfc3339Date } from '../../../src/render/feed-dates.ts';
import { articleDate } from '../../support/articles.ts';

describe('rfc822Date', () => {
  it('writes the seed date at its own +08:00 offset', () => {
    expect(rfc822Date(articleDate('2025-07-16T00:00:00+08:00'))).toBe('Wed, 16 Jul 2025 00:00:00 +0800');
  });

  it('keeps a negative offset and the local weekday', () => {
    expect(rfc822Date(articleDate('2025-01-01T23:30:05-05:30'))).toBe('Wed, 01 Jan 2025 23:30:05 -0530');
  });

  it('writes UTC as +0000', () => {
    expect(rfc822Date(articleDate('2024-02-29T12:00:00Z'))).toBe('Thu, 29 Feb 2024 12:00:00 +0000');
  });
});

describe('rfc3339Date', () => {
  it('keeps the article offset', () => {
    expect(rfc3339Date(articleDate('2025-07-16T00:00:00+08:00'))).toBe('2025-07-16T00:00:00+08:00');
  });

  it('keeps Z and drops a zero fraction', () => {
    expect(rfc3339Date(articleDate('2025-07-16T00:00:00.000Z'))).toBe('2025-07-16T00:00:00Z');
  });

  it('keeps milliseconds when there are some', () => {
    expect(rfc3339Date(articleDate('2025-07-16T10:11:12.345-03:00'))).toBe('2025-07-16T10:11:12.345-03:00');
  });

  it('writes the instant at the offset even when the text said it another way', () => {
    expect(rfc3339Date({ iso: '2025-07-16T00:00:00+08:00', epochMs: Date.UTC(2025, 6, 16, 1) })).toBe(
      '2025-07-16T09:00:00+08:00',
    );
  });
});

describe('archiveUpdated', () => {
  it('is the archive newest date when there is one', () => {
    const newest = articleDate('2025-07-16T00:00:00+08:00');
    expect(archiveUpdated({ page: 1, pageCount: 1, archiveUpdated: newest })).toBe(newest);
  });

  it('is 1970-01-01T00:00:00Z for an empty archive, never the clock', () => {
    expect(archiveUpdated({ page: 1, pageCount: 1 })).toBe(EMPTY_ARCHIVE_DATE);
    expect(rfc822Date(EMPTY_ARCHIVE_DATE)).toBe('Thu, 01 Jan 1970 00:00:00 +0000');
  });
});
