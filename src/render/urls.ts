/** Absolute URLs of every route, from the site's base URL: the one place paths are spelled. */
import type { Article } from '../model/article.ts';
import { articleFormatPath } from '../model/article-formats.ts';
import type { Site } from '../model/site.ts';

/** The three feed formats; a list's formats and the root's header families build on it. */
export type FeedFormat = 'rss' | 'atom' | 'json';

/** A list's formats: its three feeds and its HTML index (each article's block stores one fragment of each). */
export type ListFormat = FeedFormat | 'index';

export const listFormats: readonly ListFormat[] = ['rss', 'atom', 'json', 'index'];

const feedPaths: Record<FeedFormat, string> = {
  rss: '/rss.xml',
  atom: '/atom.xml',
  json: '/feed.json',
};

/** The path of a feed page; page 1 has no query, so the plain feed URL stays the subscription URL. */
export function feedPath(format: FeedFormat, page = 1): string {
  return page === 1 ? feedPaths[format] : `${feedPaths[format]}?page=${page}`;
}

export function indexPath(page = 1): string {
  return page === 1 ? '/' : `/?page=${page}`;
}

export function articlePath(slug: string): string {
  return articleFormatPath('page', slug);
}

/** The article as IPTC ninjs (a row of model/article-formats.ts). */
export function ninjsPath(slug: string): string {
  return articleFormatPath('ninjs', slug);
}

export function ninjsUrl(site: Site, article: Article): string {
  return absoluteUrl(site, ninjsPath(article.slug));
}

export function absoluteUrl(site: Site, path: string): string {
  return `${site.baseUrl}${path}`;
}

export function articleUrl(site: Site, article: Article): string {
  return absoluteUrl(site, articlePath(article.slug));
}

/** docs/metadata.md: canonical is the front-matter override, else the source URL (cross-domain canonical), else the page itself. */
export function canonicalUrl(site: Site, article: Article): string {
  return article.canonical ?? article.source?.url ?? articleUrl(site, article);
}

/** The search page; `/search.json` is its JSON Feed. */
export const searchPath = '/search';

/** The longest query searched, in characters (Unicode code points); a longer one is a 400. */
export const maxSearchLength = 200;

/** A page of search results, as HTML or as JSON Feed: `?q=…` (encoded), and `&page=N` past the first. */
export function searchResultsPath(query: string, format: 'html' | 'json', page = 1): string {
  const base = format === 'html' ? searchPath : `${searchPath}.json`;
  return `${base}?q=${encodeURIComponent(query)}${page === 1 ? '' : `&page=${page}`}`;
}

/** One part of a sitemap too large for one file, listed by the sitemap index at /sitemap.xml. */
export function sitemapPartPath(part: number): string {
  return `/sitemaps/${part}.xml`;
}
