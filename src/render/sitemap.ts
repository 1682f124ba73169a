/** Renders robots.txt, sitemaps (sitemaps.org protocol 0.9) of the article pages, and their index. */
import type { Article, ArticleDate } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { absoluteUrl, articleUrl, sitemapPartPath } from './urls.ts';
import { escapeXml } from './xml.ts';

/** A URL for the sitemap, with the date of its lastmod (written as its RFC 3339 text, a W3C datetime). */
export interface SitemapUrl {
  readonly path: string;
  readonly updated?: ArticleDate;
}

const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
const namespace = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

/** The home page's entry in the first sitemap file. */
export interface SitemapHome {
  /** The newest article's `updated` date: the home page changes whenever an article does. */
  readonly newest?: ArticleDate;
}

/**
 * One sitemap file; the first also lists the home page (`home`), with its lastmod when there are articles;
 * `extra` (section pages) follow the articles.
 */
export function renderSitemap(
  site: Site,
  articles: readonly Article[],
  home?: SitemapHome,
  extra: readonly SitemapUrl[] = [],
): string {
  const homeLastmod = home?.newest ? lastmod(home.newest.iso) : '';
  const homeUrl = home ? `  <url><loc>${escapeXml(absoluteUrl(site, '/'))}</loc>${homeLastmod}</url>\n` : '';
  const urls = articles.map(
    (article) => `  <url><loc>${escapeXml(articleUrl(site, article))}</loc>${lastmod(article.updated.iso)}</url>\n`,
  );
  for (const { path, updated } of extra) {
    urls.push(`  <url><loc>${escapeXml(absoluteUrl(site, path))}</loc>${updated ? lastmod(updated.iso) : ''}</url>\n`);
  }
  return `${declaration}<urlset ${namespace}>\n${homeUrl}${urls.join('')}</urlset>\n`;
}

/**
 * The sitemap index, for archives beyond one sitemap part's URLs (10,000, below the protocol's 50,000): one entry per part, each with
 * its lastmod (sitemaps.org: when that sitemap's content last changed), given as `partsUpdated`.
 */
export function renderSitemapIndex(site: Site, partsUpdated: readonly string[]): string {
  const entries = partsUpdated.map(
    (updated, index) =>
      `  <sitemap><loc>${escapeXml(absoluteUrl(site, sitemapPartPath(index + 1)))}</loc>${updated === '' ? '' : lastmod(updated)}</sitemap>\n`,
  );
  return `${declaration}<sitemapindex ${namespace}>\n${entries.join('')}</sitemapindex>\n`;
}

/** `<lastmod>` in W3C Datetime, which RFC 3339 text with its offset is. */
function lastmod(iso: string): string {
  return `<lastmod>${escapeXml(iso)}</lastmod>`;
}

export function renderRobots(site: Site): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site, '/sitemap.xml')}\nSitemap: ${absoluteUrl(site, '/news-sitemap.xml')}\n`;
}
