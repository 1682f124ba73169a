import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { checkPath, checkRequest, maxTargetLength, requestGuard } from '../../../../src/worker/http/request-guard.ts';

const origin = 'https://wirefeed.example';

function check(path: string, method = 'GET', allowsOptions = false) {
  return checkRequest(method, `${origin}${path}`, allowsOptions);
}

describe('checkRequest: length (414)', () => {
  it('accepts a target of exactly 8 KiB', () => {
    const path = `/?q=${'a'.repeat(maxTargetLength - 4)}`;
    expect(path.length).toBe(8192);
    expect(check(path)).toEqual({ ok: true });
  });

  it('answers 414 for a target one character longer than 8 KiB', () => {
    expect(check(`/?q=${'a'.repeat(maxTargetLength - 3)}`)).toEqual({
      ok: false,
      status: 414,
      reason: 'The request URL is longer than 8192 characters.',
    });
  });

  it('counts the percent-encoded form of non-ASCII characters', () => {
    expect(check(`/${'é'.repeat(1400)}`)).toMatchObject({ ok: false, status: 414 });
  });

  it('answers 414 for a huge URL without parsing it', () => {
    expect(check(`/${'a'.repeat(1_000_000)}`)).toMatchObject({ ok: false, status: 414 });
  });

  it('answers 414 before looking at the method', () => {
    expect(check(`/${'a'.repeat(maxTargetLength)}`, 'POST')).toMatchObject({ ok: false, status: 414 });
  });
});

describe('checkRequest: malformed path (400)', () => {
  it('accepts an ordinary article path', () => {
    expect(check('/articles/sco-digital-link')).toEqual({ ok: true });
  });

  it('accepts percent-encoded UTF-8 in the path', () => {
    expect(check('/articles/%E6%9D%8E')).toEqual({ ok: true });
  });

  it('answers 400 for a malformed percent escape', () => {
    expect(check('/articles/%zz')).toEqual({
      ok: false,
      status: 400,
      reason: 'The request path has malformed percent-encoding.',
    });
  });

  it('answers 400 for a truncated percent escape', () => {
    expect(check('/articles/abc%E')).toMatchObject({ ok: false, status: 400 });
  });

  it('answers 400 for percent-encoded bytes that are not UTF-8', () => {
    expect(check('/articles/%C0%AF')).toMatchObject({ ok: false, status: 400 });
  });

  it('answers 400 for an encoded NUL', () => {
    expect(check('/articles/a%00b')).toEqual({
      ok: false,
      status: 400,
      reason: 'The request path contains a control character.',
    });
  });

  it('answers 400 for an encoded CR LF', () => {
    expect(check('/articles/a%0D%0Ab')).toMatchObject({ ok: false, status: 400 });
  });

  it('answers 400 for an encoded DEL', () => {
    expect(check('/articles/a%7Fb')).toMatchObject({ ok: false, status: 400 });
  });

  it('answers 400 for an encoded slash', () => {
    expect(check('/articles/..%2fsecret')).toEqual({
      ok: false,
      status: 400,
      reason: 'The request path contains an encoded slash or a backslash.',
    });
  });

  it('answers 400 for an encoded backslash', () => {
    expect(check('/articles/a%5Cb')).toMatchObject({ ok: false, status: 400 });
  });

  it('lets the URL parser resolve encoded dot segments, as Request.url already has', () => {
    expect(check('/articles/%2e%2e/rss.xml')).toEqual({ ok: true });
    expect(checkRequest('GET', '/articles/.%2E/rss.xml', false)).toEqual({ ok: true });
  });

  it('answers 400 for encoded dots hiding a slash', () => {
    expect(check('/articles/%2e%2e%2frss.xml')).toMatchObject({ ok: false, status: 400 });
  });

  it('answers 400 for a URL that does not parse', () => {
    expect(checkRequest('GET', 'http://', false)).toEqual({
      ok: false,
      status: 400,
      reason: 'The request URL is malformed.',
    });
  });

  it('leaves the query to its readers', () => {
    expect(check('/rss.xml?page=%zz&x=%00')).toEqual({ ok: true });
  });

  it('reads a bare target starting with // as a path, not a host', () => {
    expect(checkRequest('GET', '//%zz/x', false)).toEqual({
      ok: false,
      status: 400,
      reason: 'The request path has malformed percent-encoding.',
    });
  });

  it('answers 400 before looking at the method', () => {
    expect(check('/articles/%zz', 'DELETE')).toMatchObject({ ok: false, status: 400 });
  });
});

describe('checkRequest: method (405)', () => {
  it('accepts GET and HEAD', () => {
    expect(check('/', 'GET')).toEqual({ ok: true });
    expect(check('/', 'HEAD')).toEqual({ ok: true });
  });

  it('answers 405 with Allow: GET, HEAD for POST on a page', () => {
    expect(check('/', 'POST')).toEqual({
      ok: false,
      status: 405,
      reason: 'The method POST is not allowed here.',
      allow: 'GET, HEAD',
    });
  });

  it('answers 405 for OPTIONS where OPTIONS is not allowed', () => {
    expect(check('/', 'OPTIONS')).toMatchObject({ ok: false, status: 405, allow: 'GET, HEAD' });
  });

  it('accepts OPTIONS where it is allowed', () => {
    expect(check('/rss.xml', 'OPTIONS', true)).toEqual({ ok: true });
  });

  it('answers 405 with Allow: GET, HEAD, OPTIONS on a feed', () => {
    expect(check('/rss.xml', 'PUT', true)).toMatchObject({ ok: false, status: 405, allow: 'GET, HEAD, OPTIONS' });
  });

  it('treats methods as case-sensitive', () => {
    expect(check('/', 'get')).toMatchObject({ ok: false, status: 405 });
  });
});

describe('checkPath', () => {
  it('accepts a path of ordinary segments', () => {
    expect(checkPath('/articles/sco-digital-link')).toBeUndefined();
  });

  it('rejects a dot-dot segment (path traversal)', () => {
    expect(checkPath('/articles/../secret')).toBe('The request path contains a dot segment.');
  });

  it('rejects a single-dot segment', () => {
    expect(checkPath('/articles/./a')).toBe('The request path contains a dot segment.');
  });

  it('rejects an encoded dot-dot segment', () => {
    expect(checkPath('/articles/%2E%2e/secret')).toBe('The request path contains a dot segment.');
  });

  it('rejects a raw backslash', () => {
    expect(checkPath('/articles/a\\b')).toBe('The request path contains an encoded slash or a backslash.');
  });
});

describe('requestGuard middleware', () => {
  const app = new Hono();
  app.use(
    requestGuard({
      anyMethod: () => false,
      allowsOptions: (path) => path === '/feed',
      refuse: (verdict) =>
        new Response(verdict.reason, { status: verdict.status, headers: { Allow: verdict.allow ?? '' } }),
    }),
  );
  app.get('*', (c) => c.text('routed'));
  app.options('*', () => new Response(null, { status: 204 }));

  it('lets a sound GET reach the routes', async () => {
    const response = await app.request('/page');
    expect(await response.text()).toBe('routed');
  });

  it('answers what no route can before routing, with Allow on a 405', async () => {
    const response = await app.request('/page', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, HEAD');
    expect((await app.request('/a%2Fb')).status).toBe(400);
  });

  it('lets OPTIONS through only where it is allowed', async () => {
    expect((await app.request('/feed', { method: 'OPTIONS' })).status).toBe(204);
    const refused = await app.request('/page', { method: 'OPTIONS' });
    expect(refused.status).toBe(405);
    expect((await app.request('/feed', { method: 'PUT' })).headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
  });
});
