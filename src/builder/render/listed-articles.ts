/** Which articles the lists show (index, feeds, sitemaps, news sitemap) and which retractions page 1 of a feed announces. */
import type { Article, ArticleDate } from '../../model/article.ts';

/** How far back page 1 of a feed announces retractions (docs/content.md "Corrections and retractions": 30 days before the archive's newest date). */
export const tombstoneWindowMs = 30 * 24 * 60 * 60 * 1000;

/** At most this many tombstones on page 1, newest first: the list in the root that carries them stays bounded. */
export const maxTombstones = 100;

/** Articles a list may show: everything but retracted ones (their page answers 410 Gone). Order is kept. */
export function listedArticles(articles: readonly Article[]): Article[] {
  return articles.filter((article) => article.retracted === undefined);
}

/**
 * The lists' last change: the newest `updated` of a listed article or the newest retraction, since a
 * retraction changes the lists too (an item leaves, a tombstone arrives). Feed `updated`, Last-Modified.
 */
export function listsUpdated(articles: readonly Article[]): ArticleDate | undefined {
  let newest: ArticleDate | undefined;
  for (const article of articles) {
    const date = article.retracted?.date ?? article.updated;
    if (!newest || date.epochMs > newest.epochMs) newest = date;
  }
  return newest;
}

/** The newest publication or retraction date in the archive: the clock of every lifecycle window, never the real one. */
export function newestArchiveEvent(articles: readonly Article[]): ArticleDate | undefined {
  let newest: ArticleDate | undefined;
  for (const article of articles) {
    for (const date of [article.published, article.retracted?.date]) {
      if (date && (!newest || date.epochMs > newest.epochMs)) newest = date;
    }
  }
  return newest;
}

/**
 * Retracted articles whose retraction falls within the 30 days up to the archive's newest event
 * (RFC 6721 tombstones for page 1), newest retraction first, the slug breaking ties; at most maxTombstones.
 */
export function recentRetractions(articles: readonly Article[]): Article[] {
  const newest = newestArchiveEvent(articles);
  if (!newest) return [];
  const since = newest.epochMs - tombstoneWindowMs;
  return newestRetractions(
    articles.filter((article) => article.retracted !== undefined && article.retracted.date.epochMs >= since),
  );
}

/** Retracted articles in tombstone order: newest retraction first, the slug breaking ties; at most maxTombstones. */
export function newestRetractions(retracted: readonly Article[]): Article[] {
  return [...retracted]
    .sort(
      (a, b) =>
        (b.retracted?.date.epochMs ?? 0) - (a.retracted?.date.epochMs ?? 0) ||
        (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0),
    )
    .slice(0, maxTombstones);
}
