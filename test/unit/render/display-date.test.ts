import { describe, expect, it } from 'vitest';
import { formatDisplayDate } from '../../../src/render/display-date.ts';
import { articleDate } from '../../support/articles.ts';

describe('human-readable dates', () => {
  it.each([
    ['2025-07-16T00:00:00+08:00', '16 July 2025'],
    ['2025-01-01T00:00:00Z', '1 January 2025'],
    ['2025-12-31T23:59:59-05:00', '31 December 2025, 23:59 -05:00'],
    ['2025-07-17T09:30:00+08:00', '17 July 2025, 09:30 +08:00'],
    ['2025-07-18T14:05:00Z', '18 July 2025, 14:05 UTC'],
    ['2025-07-18T14:05:00.250+0530', '18 July 2025, 14:05 +05:30'],
    ['2025-02-03', '3 February 2025'],
  ])('%s reads "%s" (the article\'s own clock and offset, no conversion)', (iso, expected) => {
    expect(formatDisplayDate(articleDate(iso))).toBe(expected);
  });

  it('falls back to the ISO text when it is not RFC 3339', () => {
    expect(formatDisplayDate({ iso: 'yesterday', epochMs: 0 })).toBe('yesterday');
  });
});
