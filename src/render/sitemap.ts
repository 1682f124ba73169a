/** Renders robots.txt and the sitemap (sitemaps.org protocol 0.9) of every article page. */
import type { Article } from '../article.ts';
import type { Site } from '../site.ts';
import { absoluteUrl, articleUrl } from './urls.ts';
import { escapeXml } from './xml.ts';

export function renderSitemap(site: Site, articles: readonly Article[]): string {
  const urls = articles.map(
    (article) =>
      `  <url><loc>${escapeXml(articleUrl(site, article))}</loc><lastmod>${escapeXml(article.updated.iso)}</lastmod></url>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n  <url><loc>${escapeXml(absoluteUrl(site, '/'))}</loc></url>\n${urls.join('')}</urlset>\n`;
}

export function renderRobots(site: Site): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site, '/sitemap.xml')}\n`;
}
