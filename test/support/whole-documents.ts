/** Whole feed and index documents from articles, as the build renders fragments and a list route joins them: for tests and the bench. */
import type { Article } from '../../src/model/article.ts';
import { newestUpdate } from '../../src/model/article-order.ts';
import type { Site } from '../../src/model/site.ts';
import { renderAtomDocument, renderAtomEntry } from '../../src/render/atom.ts';
import type { PageInfo } from '../../src/render/feed-page.ts';
import { renderIndexDocument, renderIndexEntry } from '../../src/render/index-page.ts';
import { renderJsonFeedDocument, renderJsonFeedItem } from '../../src/render/json-feed.ts';
import { renderRssDocument, renderRssItem } from '../../src/render/rss.ts';

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

/** A whole document: each article's fragment, rendered as the build does, joined by the document renderer. */
function wholeDocument(
  fragment: (site: Site, article: Article) => string,
  document: (site: Site, page: PageInfo, fragments: readonly string[]) => string,
): (site: Site, page: FeedPage) => string {
  return (site, page) =>
    document(
      site,
      page,
      page.articles.map((article) => fragment(site, article)),
    );
}

export const renderRss = wholeDocument(renderRssItem, renderRssDocument);
export const renderAtom = wholeDocument(renderAtomEntry, (site, page, entries) =>
  renderAtomDocument(site, page, entries),
);
export const renderJsonFeed = wholeDocument(renderJsonFeedItem, (site, page, items) =>
  renderJsonFeedDocument(site, page, items),
);
export const renderIndexPage = wholeDocument(renderIndexEntry, renderIndexDocument);
