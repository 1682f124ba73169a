/** The archive's order: newest first, and the newest `updated` date of a set of articles. */
import type { Article } from './article.ts';

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
  return [...articles].sort((a, b) => b.published.epochMs - a.published.epochMs || compare(a.slug, b.slug));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
