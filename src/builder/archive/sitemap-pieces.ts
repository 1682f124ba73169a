/** The sitemaps of one release state, as texts: parts of the article and section URLs, and the Google News sitemap. */
import type { Article, ArticleDate } from '../../model/article.ts';
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
  // Each part's articles, and their dates: read again only for a part whose articles are not those rendered before.
  const slices = Array.from({ length: count }, (_, index) => {
    const articles = oldestFirst.slice(index * urlsPerSitemap, (index + 1) * urlsPerSitemap);
    const kept = rendered.get(index + 1);
    const same = kept !== undefined && sameObjects(kept.articles, articles);
    return {
      articles,
      kept: same ? kept : undefined,
      dates: same ? kept.dates : articleDates(articles),
    };
  });
  // The home page's date: the newest `updated` of all (newestUpdate's, newest first), from each part's.
  let newest: ArticleDate | undefined;
  for (let index = slices.length - 1; index >= 0; index--) {
    const date = slices[index]?.dates.newest;
    if (date && (!newest || date.epochMs > newest.epochMs)) newest = date;
  }
  const parts: string[] = [];
  const updated: string[] = [];
  for (const [index, { articles, kept, dates }] of slices.entries()) {
    const part = index + 1;
    const [from, to] = [index * urlsPerSitemap, part * urlsPerSitemap];
    const extra = sectionUrls.slice(Math.max(0, from - oldestFirst.length), Math.max(0, to - oldestFirst.length));
    updated.push(latestDate([dates.latest, ...extra.map((url) => url.updated)])?.iso ?? '');
    const home = part === count ? { newest } : undefined;
    const key = JSON.stringify([home, extra]);
    if (kept?.key === key) parts.push(kept.text);
    else {
      const text = renderSitemap(site, articles, home, extra);
      rendered.set(part, { articles, key, text, dates });
      parts.push(text);
    }
  }
  return { parts, updated, news: renderNewsSitemap(site, listed) };
}

/** A part's articles' `updated` dates: the latest in part order (latestDate's) and the newest, newest first (newestUpdate's). */
interface PartDates {
  readonly latest: ArticleDate | undefined;
  readonly newest: ArticleDate | undefined;
}

function articleDates(oldestFirst: readonly Article[]): PartDates {
  return {
    latest: latestDate(oldestFirst.map((article) => article.updated)),
    newest: newestUpdate([...oldestFirst].reverse()),
  };
}

/**
 * Parts rendered for an earlier release state of the same publish (or an earlier plan, plan-memo.ts), by part number:
 * only the parts whose articles (the same objects, in order), home page or section URLs changed are rendered again.
 */
export type RenderedParts = Map<
  number,
  { readonly articles: readonly Article[]; readonly key: string; readonly text: string; readonly dates: PartDates }
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
