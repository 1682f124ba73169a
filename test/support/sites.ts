/** Site fixtures for tests: the defaults with chosen settings, and the sites the renderers, the pages and the Worker tests publish (no node:*). */
import { defaultSite } from '../../src/content/site-config.ts';
import type { Article } from '../../src/model/article.ts';
import type { Site } from '../../src/model/site.ts';
import { type FeedPage, pageOf } from './whole-documents.ts';

/** The default site (site.yaml left empty) with `settings` over it. */
export function siteWith(settings: Partial<Site> = {}): Site {
  return { ...defaultSite, ...settings };
}

/** The defaults in Beijing time, as content/site.yaml has it: a date without an offset is read there. */
export const shanghaiSite = siteWith({ timeZone: 'Asia/Shanghai' });

/** The defaults at news.example.com in UTC: for tests that count hours and days across dates. */
export const utcSite = siteWith({ baseUrl: 'https://news.example.com', timeZone: 'UTC' });

/** Where the Worker tests serve their sites. */
export const testOrigin = 'https://wire.example';

/** The site the Worker tests publish: the defaults in Beijing time, at testOrigin. */
export const testSite = siteWith({ baseUrl: testOrigin, timeZone: 'Asia/Shanghai' });

const feedPolicy = { maxAge: 300, sMaxAge: 600, staleWhileRevalidate: 86_400 };

/** The feed renderers' site: every field set, a WebSub hub included. */
export const feedSite: Site = {
  title: 'Wirefeed News',
  description: 'News articles with their attribution intact.',
  baseUrl: 'https://news.example.com',
  language: 'en',
  timeZone: 'Asia/Shanghai',
  publisher: { name: 'Wirefeed Desk', url: 'https://news.example.com/' },
  copyright: 'Copyright 2025 Wirefeed Desk. Articles remain the property of their sources.',
  pageSize: 20,
  accentColor: '#b3261e',
  websubHub: 'https://hub.example.net/',
  cache: { feeds: feedPolicy, pages: feedPolicy, other: feedPolicy },
};

/** The HTML pages' site: the feed site's place and look under another name, no WebSub hub, an hour's caching for the rest. */
export const pageSite: Site = {
  ...withoutHub(feedSite),
  title: 'Wirefeed',
  description: 'News from the wire, credited to where it was first published.',
  publisher: { name: 'Wirefeed Syndication', url: 'https://news.example.com/' },
  copyright: '© 2025 Wirefeed. Articles remain the property of their sources.',
  cache: { feeds: feedPolicy, pages: feedPolicy, other: { maxAge: 3600, sMaxAge: 3600, staleWhileRevalidate: 86_400 } },
};

function withoutHub({ websubHub: _, ...site }: Site): Site {
  return site;
}

/** Page `page` (1-based) of newest-first `articles` in the feed site's page size, as the build cuts it. */
export function feedPage(articles: readonly Article[], page = 1, pageSize = feedSite.pageSize): FeedPage {
  return pageOf(articles, page, pageSize);
}
