/** Whole feed and index documents from articles, as the build renders fragments and a list route joins them: for tests and the bench. */
import type { Article } from '../src/article.ts';
import { newestUpdate } from '../src/article-order.ts';
import { renderAtomDocument, renderAtomEntry } from '../src/render/atom.ts';
import type { PageInfo } from '../src/render/feed-page.ts';
import { renderIndexDocument, renderIndexEntry } from '../src/render/index-page.ts';
import { renderJsonFeedDocument, renderJsonFeedItem } from '../src/render/json-feed.ts';
import { renderRssDocument, renderRssItem } from '../src/render/rss.ts';
import type { Site } from '../src/site.ts';

/** One page of the newest-first archive with its articles. */
export interface FeedPage extends PageInfo {
  /** The articles on this page, newest first. */
  readonly articles: readonly Article[];
}

/**
 * Page `page` (1-based) of newest-first `articles` in pages of `pageSize`, as the build cuts it: `archiveUpdated`
 * is the newest `updated` of the whole archive (not of the page), absent when it is empty.
 */
export function pageOf(articles: readonly Article[], page: number, pageSize: number): FeedPage {
  const archiveUpdated = newestUpdate(articles);
  return {
    articles: articles.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageCount: Math.max(1, Math.ceil(articles.length / pageSize)),
    ...(archiveUpdated ? { archiveUpdated } : {}),
  };
}

/** Every page of newest-first `articles` (at least one). */
export function paginate(articles: readonly Article[], pageSize: number): FeedPage[] {
  const pageCount = Math.max(1, Math.ceil(articles.length / pageSize));
  return Array.from({ length: pageCount }, (_, index) => pageOf(articles, index + 1, pageSize));
}

export function renderRss(site: Site, page: FeedPage): string {
  return renderRssDocument(
    site,
    page,
    page.articles.map((article) => renderRssItem(site, article)),
  );
}

export function renderAtom(site: Site, page: FeedPage): string {
  return renderAtomDocument(
    site,
    page,
    page.articles.map((article) => renderAtomEntry(site, article)),
  );
}

export function renderJsonFeed(site: Site, page: FeedPage): string {
  return renderJsonFeedDocument(
    site,
    page,
    page.articles.map((article) => renderJsonFeedItem(site, article)),
  );
}

export function renderIndexPage(site: Site, page: FeedPage): string {
  return renderIndexDocument(
    site,
    page,
    page.articles.map((article) => renderIndexEntry(site, article)),
  );
}
