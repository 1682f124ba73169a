/** The archive's order: newest first, and the newest of a set of dates. */
import type { Article, ArticleDate } from './article.ts';

/** The latest `updated` date of a set of articles: the feed's lastBuildDate, never the clock. */
export function newestUpdate(articles: readonly Article[]): Article['updated'] | undefined {
  let newest: Article['updated'] | undefined;
  for (const article of articles) {
    if (!newest || article.updated.epochMs > newest.epochMs) newest = article.updated;
  }
  return newest;
}

/** Newest first; the slug breaks ties so the order never depends on the order files were read. */
export function newestFirst(articles: readonly Article[]): Article[] {
  return [...articles].sort(compareNewestFirst);
}

/** The newest-first order of two articles (negative: `a` first); the file decides between two of one slug (an error). */
export function compareNewestFirst(a: Article, b: Article): number {
  return b.published.epochMs - a.published.epochMs || compare(a.slug, b.slug) || compare(a.file, b.file);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The latest of some dates, by instant; undefined when there is none. */
export function latestDate(dates: readonly (ArticleDate | undefined)[]): ArticleDate | undefined {
  let latest: ArticleDate | undefined;
  for (const date of dates) if (date && (!latest || date.epochMs > latest.epochMs)) latest = date;
  return latest;
}
