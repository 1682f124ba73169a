import { describe, expect, it } from 'vitest';
import { maxPage, parsePageParam, parsePageParams } from '../../../../src/worker/http/page-query.ts';

describe('parsePageParam', () => {
  it('reads an absent page as page 1', () => {
    expect(parsePageParam(undefined)).toEqual({ ok: true, page: 1 });
  });

  it('reads page=1 as page 1', () => {
    expect(parsePageParam('1')).toEqual({ ok: true, page: 1 });
  });

  it('reads page=2', () => {
    expect(parsePageParam('2')).toEqual({ ok: true, page: 2 });
  });

  it('reads the highest page', () => {
    expect(parsePageParam('1000000')).toEqual({ ok: true, page: maxPage });
  });

  it('rejects an empty page', () => {
    expect(parsePageParam('')).toEqual({ ok: false, reason: 'The page parameter is empty.' });
  });

  it('rejects one past the highest page', () => {
    expect(parsePageParam('1000001')).toEqual({ ok: false, reason: 'The page parameter must be at most 1000000.' });
  });

  it.each([
    ['letters', 'abc'],
    ['zero', '0'],
    ['a negative number', '-1'],
    ['a fraction', '1.5'],
    ['a huge number', '99999999999999999999'],
    ['a leading space', ' 2'],
    ['a trailing space', '2 '],
    ['a plus sign', '+2'],
    ['a leading zero', '02'],
    ['exponent notation', '1e3'],
    ['hexadecimal', '0x10'],
    ['Infinity', 'Infinity'],
    ['full-width digits', '２'],
    ['a number with a trailing dot', '2.'],
    ['a number followed by text', '2abc'],
  ])('rejects %s', (_, value) => {
    expect(parsePageParam(value)).toEqual({
      ok: false,
      reason: 'The page parameter must be a whole number from 1 to 1000000, written without a sign or leading zeros.',
    });
  });
});

describe('parsePageParams', () => {
  it('reads no page parameter as page 1', () => {
    expect(parsePageParams([])).toEqual({ ok: true, page: 1 });
  });

  it('reads one page parameter', () => {
    expect(parsePageParams(['3'])).toEqual({ ok: true, page: 3 });
  });

  it('reads a page repeated with the same value', () => {
    expect(parsePageParams(['3', '3'])).toEqual({ ok: true, page: 3 });
  });

  it('rejects pages repeated with different values', () => {
    expect(parsePageParams(['3', '4'])).toEqual({
      ok: false,
      reason: 'The page parameter is given more than once with different values.',
    });
  });

  it('rejects a malformed page even when repeated identically', () => {
    expect(parsePageParams(['0', '0'])).toMatchObject({ ok: false });
  });
});
