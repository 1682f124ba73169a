/** The Google News sitemap: articles of the two days before the newest one (never the clock), at most 1,000. */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { rfc3339Date } from './feed-dates.ts';
import { articleUrl } from './urls.ts';
import { escapeXml } from './xml.ts';

/** Google News sitemaps: "articles published in the last two days", at most 1,000 `<url>`s per file. */
export const newsWindowMs = 2 * 24 * 60 * 60 * 1000;
export const maxNewsUrls = 1000;

const namespaces =
  'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"';

/**
 * The articles it lists: published within the 48 hours up to the newest article's publication (instants,
 * so the window is the same whatever offset each date was written with), newest first, at most 1,000.
 * `listed` is newest first and holds no retracted article (see listedArticles).
 */
export function newsSitemapArticles(listed: readonly Article[]): Article[] {
  const newest = listed[0];
  if (!newest) return [];
  const since = newest.published.epochMs - newsWindowMs;
  const recent: Article[] = [];
  for (const article of listed) {
    if (article.published.epochMs < since || recent.length === maxNewsUrls) break;
    recent.push(article);
  }
  return recent;
}

/** Google News wants ISO 639 codes, with Chinese as `zh-cn` or `zh-tw`. */
export function newsLanguage(language: string): string {
  const [primary = language, ...rest] = language.toLowerCase().split('-');
  if (primary !== 'zh') return primary;
  return rest.some((part) => part === 'tw' || part === 'hk' || part === 'mo' || part === 'hant') ? 'zh-tw' : 'zh-cn';
}

export function renderNewsSitemap(site: Site, listed: readonly Article[]): string {
  const urls = newsSitemapArticles(listed).map(
    (article) =>
      `  <url>\n    <loc>${escapeXml(articleUrl(site, article))}</loc>\n    <news:news>\n` +
      `      <news:publication><news:name>${escapeXml(site.publisher.name)}</news:name><news:language>${escapeXml(newsLanguage(article.language))}</news:language></news:publication>\n` +
      `      <news:publication_date>${escapeXml(rfc3339Date(article.published))}</news:publication_date>\n` +
      `      <news:title>${escapeXml(article.title)}</news:title>\n    </news:news>\n  </url>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${namespaces}>\n${urls.join('')}</urlset>\n`;
}
