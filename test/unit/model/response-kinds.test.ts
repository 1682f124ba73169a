import { describe, expect, it } from 'vitest';
import { defaultSite } from '../../../src/content/site-config.ts';
import {
  answersPreflight,
  cacheControlOf,
  kindHeaders,
  responseKinds,
  versionEtag,
} from '../../../src/model/response-kinds.ts';

describe('the response policy', () => {
  it.each([
    '/rss.xml',
    '/atom.xml',
    '/feed.json',
    '/sitemap.xml',
    '/sitemaps/1.xml',
    '/sitemaps/999999.xml',
    '/news-sitemap.xml',
    '/articles/sco-digital-link.ninjs.json',
    '/tags/%C3%A9conomie/rss.xml',
    '/sources/www.news.cn/feed.json',
    '/tags/sco/atom.xml',
  ])('answers a CORS preflight on %s', (path) => {
    expect(answersPreflight(path)).toBe(true);
  });

  it.each([
    '/',
    '/articles/sco-digital-link',
    '/articles/Bad.ninjs.json',
    '/robots.txt',
    '/tags/',
    '/tags/sco',
    '/media/abc.jpg',
    '/sitemaps/0.xml',
    '/sitemaps/x.xml',
    '/tags/a/b/rss.xml',
    '/rss.xml/',
  ])('refuses a CORS preflight on %s', (path) => {
    expect(answersPreflight(path)).toBe(false);
  });

  it('gives a feed its type, the feeds lifetime and the CORS headers, nosniff last', () => {
    expect(kindHeaders(responseKinds.rss, defaultSite)).toEqual({
      'Content-Type': 'application/rss+xml; charset=utf-8',
      'Cache-Control': cacheControlOf(responseKinds.rss, defaultSite),
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'ETag, Last-Modified, Link',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(Object.keys(kindHeaders(responseKinds.rss, defaultSite))).toEqual([
      'Content-Type',
      'Cache-Control',
      'Access-Control-Allow-Origin',
      'Access-Control-Expose-Headers',
      'X-Content-Type-Options',
    ]);
  });

  it('sends an HTML kind with its security headers and no CORS', () => {
    const headers = kindHeaders(responseKinds.page, defaultSite, { security: { 'X-Frame-Options': 'DENY' } });
    expect(headers).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': cacheControlOf(responseKinds.page, defaultSite),
      'X-Frame-Options': 'DENY',
    });
  });

  it('never stores an error page, and keeps a picture a year', () => {
    expect(cacheControlOf(responseKinds.error, defaultSite)).toBe('no-store');
    expect(kindHeaders(responseKinds.media, defaultSite, { type: 'image/jpeg' })).toEqual({
      'Content-Type': 'image/jpeg',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it('makes version ETags from the content version and the route parts', () => {
    expect(versionEtag('v1', 'rss', 2)).toBe('"v1-rss-2"');
    expect(versionEtag('v1', 'sitemap')).toBe('"v1-sitemap"');
  });

  it('gives every cross-origin kind a path, and every kind a media type', () => {
    let checked = 0;
    for (const [name, kind] of Object.entries(responseKinds)) {
      expect(kind.mediaType, name).toMatch(/^[a-z]+\/[a-z0-9+.-]+$|^from-file$/);
      if (kind.cors) expect(kind.paths.source, name).not.toBe('^(?!)$');
      checked++;
    }
    expect(checked).toBe(13);
  });
});
