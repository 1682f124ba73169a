// Anything a client can send gets a clear 4xx (or a normal answer), never a 5xx and never a stack trace.
import { describe, expect, it } from 'vitest';
import { get } from './worker-client.ts';

const long = 'a'.repeat(16 * 1024);

const cases: [string, string, RequestInit | undefined, number][] = [
  ['malformed percent-encoding', '/articles/%E0%A4%A', undefined, 400],
  ['a lone percent sign', '/articles/100%', undefined, 400],
  ['an encoded NUL', '/articles/%00', undefined, 400],
  ['an encoded control character', '/articles/a%0Db', undefined, 400],
  ['an encoded slash in a segment', '/articles/..%2f..%2fetc%2fpasswd', undefined, 400],
  ['an encoded backslash', '/articles/a%5cb', undefined, 400],
  ['an encoded dot-dot', '/articles/%2e%2e/%2e%2e/robots.txt', undefined, 200],
  ['a 16 KB path', `/articles/${long}`, undefined, 414],
  ['a 16 KB query', `/rss.xml?q=${long}`, undefined, 414],
  ['a slug with capitals', '/articles/SCO-Digital-Link', undefined, 404],
  ['a slug with unicode', '/articles/%E6%96%B0%E9%97%BB', undefined, 404],
  ['a trailing slash', '/articles/sco-digital-link/', undefined, 404],
  ['an empty slug', '/articles/', undefined, 404],
  ['a page of abc', '/rss.xml?page=abc', undefined, 400],
  ['page 0', '/atom.xml?page=0', undefined, 400],
  ['page -1', '/feed.json?page=-1', undefined, 400],
  ['page 1.5', '/?page=1.5', undefined, 400],
  ['a huge page', '/rss.xml?page=99999999999999999999999', undefined, 400],
  ['an empty page', '/rss.xml?page=', undefined, 400],
  ['two different pages', '/rss.xml?page=1&page=2', undefined, 400],
  ['a page past the last', '/?page=7', undefined, 404],
  ['a page with malformed percent-encoding', '/rss.xml?page=%zz', undefined, 400],
  ['an 8 KB If-None-Match', '/rss.xml', { headers: { 'If-None-Match': `"${'x'.repeat(8190)}"` } }, 200],
  ['a garbage If-None-Match', '/rss.xml', { headers: { 'If-None-Match': 'W/, ,"' } }, 200],
  ['If-Modified-Since garbage', '/rss.xml', { headers: { 'If-Modified-Since': 'garbage' } }, 200],
  ['Accept with q=nan', '/', { headers: { Accept: '*/*;q=nan' } }, 200],
  ['a huge Accept-Language', '/', { headers: { 'Accept-Language': 'zh,'.repeat(2000) } }, 200],
  ['a body on GET-like POST', '/', { method: 'POST', body: 'x'.repeat(100_000) }, 405],
  ['PUT', '/rss.xml', { method: 'PUT', body: '<rss/>' }, 405],
  ['DELETE', '/articles/sco-digital-link', { method: 'DELETE' }, 405],
  ['PATCH', '/feed.json', { method: 'PATCH', body: '{}' }, 405],
  ['PROPFIND', '/', { method: 'PROPFIND' }, 405],
  ['TRACE', '/', { method: 'TRACE' }, 405],
  ['MKCOL', '/', { method: 'MKCOL' }, 405],
  ['PURGE', '/rss.xml', { method: 'PURGE' }, 405],
  ['lower-case get', '/', { method: 'get' }, 200],
  ['OPTIONS on an article', '/articles/sco-digital-link', { method: 'OPTIONS' }, 405],
  ['a script in the path', '/articles/<script>alert(1)</script>', undefined, 404],
  ['a script in the query', '/?q=<script>alert(1)</script>', undefined, 200],
  ['a double slash', '//rss.xml', undefined, 404],
];

describe('hostile requests', () => {
  it.each(cases)('answers %s (%s) without a 5xx', async (_, path, init, status) => {
    const response = await get(path, init);
    expect(response.status).toBe(status);
    const body = await response.text();
    expect(body).not.toMatch(/\bat .+\(.*:\d+:\d+\)|Error:|node_modules|src\//);
    if (status >= 400) {
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      expect(body).not.toContain('<script>alert');
    }
  });

  it('names the allowed methods on every 405', async () => {
    const response = await get('/rss.xml', { method: 'PUT', body: 'x' });
    expect(response.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
  });
});
