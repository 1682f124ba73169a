import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpDate, toHttpDate } from '../../../src/shared/http-date.ts';

const rfcExample = Date.UTC(1994, 10, 6, 8, 49, 37);
/** 0000-01-01T00:00:00Z (`Date.UTC` reads years 0-99 as 1900-1999). */
const yearZero = new Date(0).setUTCFullYear(0, 0, 1);

describe('toHttpDate', () => {
  it('writes the IMF-fixdate of RFC 9110 §5.6.7', () => {
    expect(toHttpDate(rfcExample)).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
  });

  it("writes the seed article's date", () => {
    expect(toHttpDate(Date.parse('2025-07-16T00:00:00+08:00'))).toBe('Tue, 15 Jul 2025 16:00:00 GMT');
  });

  it('drops milliseconds instead of rounding up', () => {
    expect(toHttpDate(rfcExample + 999)).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
  });

  it('writes a date before 1970 and a four-digit year below 1000', () => {
    expect(toHttpDate(Date.UTC(1969, 11, 31, 23, 59, 59))).toBe('Wed, 31 Dec 1969 23:59:59 GMT');
    const early = new Date(0);
    early.setUTCFullYear(999, 0, 1);
    expect(toHttpDate(early.getTime())).toBe('Tue, 01 Jan 0999 00:00:00 GMT');
  });

  it('throws a RangeError for an instant it cannot write', () => {
    expect(() => toHttpDate(Number.NaN)).toThrow(RangeError);
    expect(() => toHttpDate(Date.UTC(10000, 0, 1))).toThrow(RangeError);
  });
});

describe('parseHttpDate', () => {
  it('reads IMF-fixdate', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(rfcExample);
  });

  it('reads the obsolete RFC 850 format', () => {
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(rfcExample);
  });

  it('reads a two-digit RFC 850 year below 70 as 20xx', () => {
    expect(parseHttpDate('Wednesday, 16-Jul-25 00:00:00 GMT')).toBe(Date.UTC(2025, 6, 16));
  });

  it('reads two-digit RFC 850 years 69 as 2069 and 70 as 1970', () => {
    expect(parseHttpDate('Monday, 01-Jan-69 00:00:00 GMT')).toBe(Date.UTC(2069, 0, 1));
    expect(parseHttpDate('Thursday, 01-Jan-70 00:00:00 GMT')).toBe(Date.UTC(1970, 0, 1));
  });

  it('reads the obsolete asctime format with a space-padded day', () => {
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(rfcExample);
  });

  it('reads the asctime format with a two-digit day', () => {
    expect(parseHttpDate('Wed Jul 16 00:00:00 2025')).toBe(Date.UTC(2025, 6, 16));
  });

  it('does not check the day name against the date', () => {
    expect(parseHttpDate('Mon, 06 Nov 1994 08:49:37 GMT')).toBe(rfcExample);
  });

  it('reads a leap second as the next second', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT')).toBe(Date.UTC(2017, 0, 1));
  });

  it('reads 29 February of a leap year', () => {
    expect(parseHttpDate('Thu, 29 Feb 2024 12:00:00 GMT')).toBe(Date.UTC(2024, 1, 29, 12));
  });

  it.each([
    ['a bare number', '1'],
    ['an empty value', ''],
    ['an ISO 8601 date', '1994-11-06T08:49:37Z'],
    ['lower-case names', 'sun, 06 nov 1994 08:49:37 gmt'],
    ['a zone other than GMT', 'Sun, 06 Nov 1994 08:49:37 UTC'],
    ['a numeric offset', 'Sun, 06 Nov 1994 08:49:37 +0000'],
    ['a one-digit day in IMF-fixdate', 'Sun, 6 Nov 1994 08:49:37 GMT'],
    ['a two-digit year in IMF-fixdate', 'Sun, 06 Nov 94 08:49:37 GMT'],
    ['a short day name in RFC 850', 'Sun, 06-Nov-94 08:49:37 GMT'],
    ['a missing day name', '06 Nov 1994 08:49:37 GMT'],
    ['leading whitespace', ' Sun, 06 Nov 1994 08:49:37 GMT'],
    ['trailing text', 'Sun, 06 Nov 1994 08:49:37 GMT; length=12'],
    ['two dates joined by a comma', 'Sun, 06 Nov 1994 08:49:37 GMT, Sun, 06 Nov 1994 08:49:37 GMT'],
    ['30 February', 'Fri, 30 Feb 2024 00:00:00 GMT'],
    ['29 February of a common year', 'Thu, 29 Feb 2023 00:00:00 GMT'],
    ['day 00', 'Sun, 00 Nov 1994 08:49:37 GMT'],
    ['hour 24', 'Sun, 06 Nov 1994 24:00:00 GMT'],
    ['minute 60', 'Sun, 06 Nov 1994 08:60:00 GMT'],
    ['second 61', 'Sun, 06 Nov 1994 08:49:61 GMT'],
    ['an unknown month', 'Sun, 06 Foo 1994 08:49:37 GMT'],
  ])('rejects %s', (_, value) => {
    expect(parseHttpDate(value)).toBeUndefined();
  });

  it('reads back every date it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: yearZero, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        expect(parseHttpDate(toHttpDate(ms))).toBe(Math.floor(ms / 1000) * 1000);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (text) => {
        const parsed = parseHttpDate(text);
        expect(parsed === undefined || Number.isFinite(parsed)).toBe(true);
      }),
    );
  });
});
