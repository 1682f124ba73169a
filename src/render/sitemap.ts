/** Renders robots.txt, sitemaps (sitemaps.org protocol 0.9) of the article pages, and their index. */
import type { Article } from '../article.ts';
import type { SitemapUrl } from '../sections/build-sections.ts';
import type { Site } from '../site.ts';
import { absoluteUrl, articleUrl, sitemapPartPath } from './urls.ts';
import { escapeXml } from './xml.ts';

const declaration = '<?xml version="1.0" encoding="UTF-8"?>\n';
const namespace = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

/** One sitemap file; the first also lists the home page; `extra` (section pages) follow the articles. */
export function renderSitemap(
  site: Site,
  articles: readonly Article[],
  withHome = true,
  extra: readonly SitemapUrl[] = [],
): string {
  const home = withHome ? `  <url><loc>${escapeXml(absoluteUrl(site, '/'))}</loc></url>\n` : '';
  const urls = articles.map(
    (article) =>
      `  <url><loc>${escapeXml(articleUrl(site, article))}</loc><lastmod>${escapeXml(article.updated.iso)}</lastmod></url>\n`,
  );
  for (const { path, lastmod } of extra) {
    const date = lastmod === undefined ? '' : `<lastmod>${escapeXml(lastmod)}</lastmod>`;
    urls.push(`  <url><loc>${escapeXml(absoluteUrl(site, path))}</loc>${date}</url>\n`);
  }
  return `${declaration}<urlset ${namespace}>\n${home}${urls.join('')}</urlset>\n`;
}

/** The sitemap index, for archives beyond one sitemap's 50,000 URLs. */
export function renderSitemapIndex(site: Site, parts: number): string {
  const entries = Array.from(
    { length: parts },
    (_, index) => `  <sitemap><loc>${escapeXml(absoluteUrl(site, sitemapPartPath(index + 1)))}</loc></sitemap>\n`,
  );
  return `${declaration}<sitemapindex ${namespace}>\n${entries.join('')}</sitemapindex>\n`;
}

export function renderRobots(site: Site): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site, '/sitemap.xml')}\nSitemap: ${absoluteUrl(site, '/news-sitemap.xml')}\n`;
}
