/** Splits the newest-first archive into the pages every paged route (index, feeds) serves. */
import type { Article } from './article.ts';
import type { FeedPage } from './render/feed-page.ts';

export function paginate(articles: readonly Article[], pageSize: number): FeedPage[] {
  const pageCount = Math.max(1, Math.ceil(articles.length / pageSize));
  const archiveUpdated = newestUpdate(articles);
  return Array.from({ length: pageCount }, (_, index) => ({
    articles: articles.slice(index * pageSize, (index + 1) * pageSize),
    page: index + 1,
    pageCount,
    ...(archiveUpdated ? { archiveUpdated } : {}),
  }));
}

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
