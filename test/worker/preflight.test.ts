// Every route that lets other origins read its GET also answers their CORS preflight, and no other route does.
import { describe, expect, it } from 'vitest';
import { stories } from '../support/articles.ts';
import { serveSite } from './test-site.ts';

/** Three stories in the tag `economy` and the section www.news.cn. */
const tagged = stories(3).map((article) => ({ ...article, tags: ['economy'] }));

/** Routes other origins may read (their GET sends `Access-Control-Allow-Origin: *`); two sitemap parts exist. */
const crossOriginPaths = [
  '/rss.xml',
  '/atom.xml',
  '/feed.json',
  '/sitemap.xml',
  '/sitemaps/1.xml',
  '/sitemaps/2.xml',
  '/news-sitemap.xml',
  '/articles/story-1.ninjs.json',
  '/tags/economy/rss.xml',
  '/tags/economy/atom.xml',
  '/tags/economy/feed.json',
  '/sources/www.news.cn/rss.xml',
  '/sources/www.news.cn/atom.xml',
  '/sources/www.news.cn/feed.json',
];

/** Every other route on main. */
const sameOriginPaths = [
  '/',
  '/?page=1',
  '/robots.txt',
  '/articles/story-1',
  '/tags/',
  '/tags/economy',
  '/sources/',
  '/sources/www.news.cn',
];

const paths = [...crossOriginPaths, ...sameOriginPaths];

const preflightRequest = {
  method: 'OPTIONS',
  headers: {
    Origin: 'https://reader.example',
    'Access-Control-Request-Method': 'GET',
    'Access-Control-Request-Headers': 'if-none-match',
  },
};

describe('CORS preflight follows what GET sends', async () => {
  const { fetch } = await serveSite(tagged, undefined, 2);

  it.each(paths)('%s: OPTIONS answers as GET allows', async (path) => {
    const got = await fetch(path);
    expect(got.status, path).toBe(200);
    const preflight = await fetch(path, preflightRequest);
    if (got.headers.get('Access-Control-Allow-Origin') === '*') {
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
      expect(preflight.headers.get('Access-Control-Allow-Methods')).toBe('GET, HEAD, OPTIONS');
      expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('If-None-Match');
    } else {
      expect(preflight.status).toBe(405);
      expect(preflight.headers.get('Allow')).toBe('GET, HEAD');
    }
  });

  it('lets other origins read a sitemap part and preflight it', async () => {
    expect((await fetch('/sitemaps/2.xml')).headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect((await fetch('/sitemaps/2.xml', preflightRequest)).status).toBe(204);
  });

  it('lets other origins read every feed, section feed, ninjs document and sitemap, and nothing else', async () => {
    const crossOrigin = [];
    for (const path of paths) {
      if ((await fetch(path)).headers.get('Access-Control-Allow-Origin') === '*') crossOrigin.push(path);
    }
    expect(crossOrigin).toEqual(crossOriginPaths);
  });
});
