import { describe, expect, it } from 'vitest';
import { isNotModified, notModifiedHeaders } from '../../../../src/worker/http/conditional-get.ts';

const current = { etag: '"v2"', lastModifiedMs: Date.UTC(2025, 6, 15, 16, 0, 0) };
const lastModified = 'Tue, 15 Jul 2025 16:00:00 GMT';

function ifNoneMatch(value: string): boolean {
  return isNotModified({ ifNoneMatch: value, ifModifiedSince: null }, current);
}

function ifModifiedSince(value: string): boolean {
  return isNotModified({ ifNoneMatch: null, ifModifiedSince: value }, current);
}

describe('isNotModified with If-None-Match', () => {
  it('is not modified when the only tag matches', () => {
    expect(ifNoneMatch('"v2"')).toBe(true);
  });

  it('is modified when no tag matches', () => {
    expect(ifNoneMatch('"v1"')).toBe(false);
  });

  it('is not modified when one tag of a list matches', () => {
    expect(ifNoneMatch('"v0", "v1" ,"v2","v3"')).toBe(true);
  });

  it('is modified when no tag of a list matches', () => {
    expect(ifNoneMatch('"v0", "v1", "v3"')).toBe(false);
  });

  it('matches a weak request tag against the strong current tag (weak comparison)', () => {
    expect(ifNoneMatch('W/"v2"')).toBe(true);
  });

  it('matches a strong request tag against a weak current tag (weak comparison)', () => {
    expect(isNotModified({ ifNoneMatch: '"v2"', ifModifiedSince: null }, { ...current, etag: 'W/"v2"' })).toBe(true);
  });

  it('is not modified for * whatever the tag', () => {
    expect(ifNoneMatch('*')).toBe(true);
  });

  it('compares tags exactly, case included', () => {
    expect(ifNoneMatch('"V2"')).toBe(false);
  });

  it('does not match an unquoted tag', () => {
    expect(ifNoneMatch('v2')).toBe(false);
  });

  it('does not match a tag that only contains the current one', () => {
    expect(ifNoneMatch('"xv2x"')).toBe(false);
  });

  it('reads a comma inside a quoted tag as part of the tag', () => {
    expect(isNotModified({ ifNoneMatch: '"a,b"', ifModifiedSince: null }, { ...current, etag: '"a,b"' })).toBe(true);
    expect(isNotModified({ ifNoneMatch: '"a,b"', ifModifiedSince: null }, { ...current, etag: '"a"' })).toBe(false);
  });

  it('skips malformed members and still finds a later match', () => {
    expect(ifNoneMatch('v1, "unterminated, W/, "v0"junk, W/W/"v2", "v2"')).toBe(true);
  });

  it('is modified for a list of only malformed members', () => {
    expect(ifNoneMatch('v2, "v2, W/v2, "v2"x')).toBe(false);
  });

  it('is modified for an empty If-None-Match', () => {
    expect(ifNoneMatch('')).toBe(false);
  });

  it('finds the match at the end of an 8 KB list', () => {
    const tags = Array.from({ length: 800 }, (_, index) => `"tag-${index}"`).join(', ');
    const header = `${tags}, "v2"`;
    expect(header.length).toBeGreaterThan(8 * 1024);
    expect(ifNoneMatch(header)).toBe(true);
  });

  it('answers an 8 KB header of quotes, commas and W/ without throwing', () => {
    expect(ifNoneMatch('"'.repeat(8192))).toBe(false);
    expect(ifNoneMatch(','.repeat(8192))).toBe(false);
    expect(ifNoneMatch('W/'.repeat(4096))).toBe(false);
    expect(ifNoneMatch('",'.repeat(4096))).toBe(false);
  });

  it('ignores If-Modified-Since when If-None-Match is present and does not match', () => {
    expect(isNotModified({ ifNoneMatch: '"v1"', ifModifiedSince: lastModified }, current)).toBe(false);
  });

  it('ignores If-Modified-Since when If-None-Match is present but empty', () => {
    expect(isNotModified({ ifNoneMatch: '', ifModifiedSince: lastModified }, current)).toBe(false);
  });

  it('ignores If-Modified-Since when If-None-Match is present but malformed', () => {
    expect(isNotModified({ ifNoneMatch: 'garbage', ifModifiedSince: lastModified }, current)).toBe(false);
  });
});

describe('isNotModified with If-Modified-Since', () => {
  it('is modified when neither header is sent', () => {
    expect(isNotModified({ ifNoneMatch: null, ifModifiedSince: null }, current)).toBe(false);
  });

  it('is not modified when the date equals Last-Modified', () => {
    expect(ifModifiedSince(lastModified)).toBe(true);
  });

  it('is not modified when the date is after Last-Modified', () => {
    expect(ifModifiedSince('Tue, 15 Jul 2025 16:00:01 GMT')).toBe(true);
  });

  it('is modified when the date is before Last-Modified', () => {
    expect(ifModifiedSince('Tue, 15 Jul 2025 15:59:59 GMT')).toBe(false);
  });

  it('compares at one-second precision, ignoring Last-Modified milliseconds', () => {
    const withMilliseconds = { ...current, lastModifiedMs: current.lastModifiedMs + 900 };
    expect(isNotModified({ ifNoneMatch: null, ifModifiedSince: lastModified }, withMilliseconds)).toBe(true);
  });

  it('reads the obsolete RFC 850 and asctime formats', () => {
    expect(ifModifiedSince('Tuesday, 15-Jul-25 16:00:00 GMT')).toBe(true);
    expect(ifModifiedSince('Tue Jul 15 16:00:00 2025')).toBe(true);
  });

  it('ignores a date that is not an HTTP-date', () => {
    expect(ifModifiedSince('1')).toBe(false);
    expect(ifModifiedSince('2099-01-01')).toBe(false);
  });

  it('ignores a field with two dates', () => {
    expect(ifModifiedSince(`${lastModified}, ${lastModified}`)).toBe(false);
  });

  it('trusts a date in the future without consulting the clock', () => {
    expect(ifModifiedSince('Fri, 01 Jan 9999 00:00:00 GMT')).toBe(true);
  });
});

describe('notModifiedHeaders', () => {
  it('keeps validators, cache, attribution, CORS and security headers and drops representation metadata', () => {
    const headers = {
      'Content-Type': 'application/rss+xml; charset=utf-8',
      'Content-Length': '1234',
      'Content-Language': 'en',
      'Content-Encoding': 'gzip',
      ETag: '"v2"',
      'Last-Modified': lastModified,
      'Cache-Control': 'public, max-age=300, s-maxage=600, stale-while-revalidate=86400',
      Vary: 'Accept-Encoding',
      Expires: 'Tue, 15 Jul 2025 16:05:00 GMT',
      'Content-Location': '/rss.xml',
      Date: lastModified,
      Link: '<https://www.news.cn/>; rel="canonical"',
      'X-Source': 'www.news.cn',
      'X-Editor': 'Yi Yi',
      'Access-Control-Allow-Origin': '*',
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    };
    expect(notModifiedHeaders(headers)).toEqual({
      ETag: '"v2"',
      'Last-Modified': lastModified,
      'Cache-Control': 'public, max-age=300, s-maxage=600, stale-while-revalidate=86400',
      Vary: 'Accept-Encoding',
      Expires: 'Tue, 15 Jul 2025 16:05:00 GMT',
      'Content-Location': '/rss.xml',
      Date: lastModified,
      Link: '<https://www.news.cn/>; rel="canonical"',
      'X-Source': 'www.news.cn',
      'X-Editor': 'Yi Yi',
      'Access-Control-Allow-Origin': '*',
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  });

  it('drops representation metadata whatever the spelling of its name', () => {
    expect(notModifiedHeaders({ 'content-type': 'text/html', 'CONTENT-LENGTH': '5', etag: '"v2"' })).toEqual({
      etag: '"v2"',
    });
  });
});
