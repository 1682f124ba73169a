/** The sitemaps of one release state, as texts: parts of the article and section URLs, and the Google News sitemap. */
import type { Article } from '../../model/article.ts';
import { latestDate, newestUpdate } from '../../model/article-order.ts';
import type { Site } from '../../model/site.ts';
import { renderNewsSitemap } from '../../render/news-sitemap.ts';
import { sectionDirectoryPath, sectionKinds, sectionPagePath } from '../../render/section-urls.ts';
import { renderSitemap, type SitemapUrl } from '../../render/sitemap.ts';
import type { ListView } from './list-views.ts';
import { sameObjects } from './plan-memo.ts';

/**
 * URLs per sitemap part: the protocol allows 50,000, but the part holding the newest articles changes with
 * every new one, and 10,000 URLs keep that re-upload near 100 KB compressed (docs/archive.md).
 */
export const defaultUrlsPerSitemap = 10_000;

export interface SitemapTexts {
  readonly parts: readonly string[];
  /** Each part's lastmod (RFC 3339; empty when it lists no dated URL). */
  readonly updated: readonly string[];
  readonly news: string;
}

/**
 * Article pages oldest first, then each section kind's directory and pages; parts of `urlsPerSitemap`. The
 * home page goes in the part that holds the newest articles (the last one), so older parts never change when
 * an article is added; with one part it comes first, as it always did.
 */
export function sitemapTexts(
  site: Site,
  listed: readonly Article[],
  lists: readonly ListView[],
  urlsPerSitemap: number,
  rendered: RenderedParts = new Map(),
): SitemapTexts {
  const oldestFirst = [...listed].reverse();
  const sectionUrls = sectionSitemapUrls(lists);
  const count = Math.max(1, Math.ceil((oldestFirst.length + sectionUrls.length) / urlsPerSitemap));
  const parts: string[] = [];
  const updated: string[] = [];
  for (let part = 1; part <= count; part++) {
    const [from, to] = [(part - 1) * urlsPerSitemap, part * urlsPerSitemap];
    const articles = oldestFirst.slice(from, to);
    const extra = sectionUrls.slice(Math.max(0, from - oldestFirst.length), Math.max(0, to - oldestFirst.length));
    const dates = [...articles.map((article) => article.updated), ...extra.map((url) => url.updated)];
    updated.push(latestDate(dates)?.iso ?? '');
    const home = part === count ? { newest: newestUpdate(listed) } : undefined;
    const key = JSON.stringify([home, extra]);
    const kept = rendered.get(part);
    if (kept?.key === key && sameObjects(kept.articles, articles)) parts.push(kept.text);
    else {
      const text = renderSitemap(site, articles, home, extra);
      rendered.set(part, { articles, key, text });
      parts.push(text);
    }
  }
  return { parts, updated, news: renderNewsSitemap(site, listed) };
}

/**
 * Parts rendered for an earlier release state of the same publish (or an earlier plan, plan-memo.ts), by part number:
 * only the parts whose articles (the same objects, in order), home page or section URLs changed are rendered again.
 */
export type RenderedParts = Map<
  number,
  { readonly articles: readonly Article[]; readonly key: string; readonly text: string }
>;

/** Each kind's directory (dated by its newest section), then its section pages (each dated by its own update). */
function sectionSitemapUrls(lists: readonly ListView[]): SitemapUrl[] {
  const urls: SitemapUrl[] = [];
  for (const kind of sectionKinds) {
    const sections = lists.filter((list) => list.section?.kind === kind);
    const newest = latestDate(sections.map((list) => list.updated));
    urls.push({ path: sectionDirectoryPath(kind), ...(newest ? { updated: newest } : {}) });
    for (const list of sections)
      if (list.section)
        urls.push({
          path: sectionPagePath(kind, list.section.key),
          ...(list.updated ? { updated: list.updated } : {}),
        });
  }
  return urls;
}
