/** JSON Feed 1.1 rendering, with attribution and RFC 5005-style paging in the `_wirefeed` extension. */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { joinedParts, type Part } from '../shared/encode-parts.ts';
import { contentHtml } from './credit-line.ts';
import { rfc3339Date } from './feed-dates.ts';
import type { PageInfo } from './feed-page.ts';
import { listIdentity } from './list-identity.ts';
import { jsonFeedImageCredit, jsonFeedImageFields } from './media-elements.ts';
import { pagingLinks } from './paging-links.ts';
import type { DeletedItem } from './tombstones.ts';
import { absoluteUrl, articleUrl, ninjsUrl } from './urls.ts';

/** Keys in the order they are written: object literals below keep insertion order, so output is byte-stable. */
export function jsonFeedItem(site: Site, article: Article): object {
  const url = articleUrl(site, article);
  const wirefeed = {
    ...(article.source !== undefined ? { source: { ...article.source } } : {}),
    ...(article.editor !== undefined ? { editor: article.editor } : {}),
    ...(article.responsibleEditor !== undefined ? { responsible_editor: article.responsibleEditor } : {}),
    ...(article.copyright !== undefined ? { copyright: article.copyright } : {}),
    ...jsonFeedImageCredit(article.image),
    // The item as IPTC ninjs 3.1 (src/render/ninjs.ts).
    ninjs: ninjsUrl(site, article),
  };
  return {
    // The permalink is the id (a string, as 1.1 requires): the slug is the identity, edits never change it.
    id: url,
    url,
    title: article.title,
    summary: article.summary,
    content_html: contentHtml(site, article),
    content_text: article.bodyText,
    date_published: rfc3339Date(article.published),
    date_modified: rfc3339Date(article.updated),
    ...jsonFeedImageFields(site, article.image),
    ...(article.tags.length > 0 ? { tags: [...article.tags] } : {}),
    language: article.language,
    ...(Object.keys(wirefeed).length > 0 ? { _wirefeed: wirefeed } : {}),
  };
}

/** One item as it stands in the document's `items` array: pretty-printed, indented for its place. */
export function renderJsonFeedItem(site: Site, article: Article): string {
  return `    ${JSON.stringify(jsonFeedItem(site, article), null, 2).replaceAll('\n', '\n    ')}`;
}

/**
 * The document around items serialized once, at build time, by renderJsonFeedItem. Byte-identical to
 * `JSON.stringify(feed, null, 2)` of the whole feed: the items are spliced in where the array goes.
 */
export function renderJsonFeedDocument(
  site: Site,
  page: PageInfo,
  items: readonly string[],
  /** Retracted items (page 1 only), as `_wirefeed.deleted`: JSON Feed has no tombstones of its own. */
  deleted: readonly DeletedItem[] = [],
): string {
  return jsonFeedDocumentParts(site, page, items, deleted).join('');
}

/** renderJsonFeedDocument's text as parts (head, the items themselves as text or stored bytes, tail), for a route to encode without joining. */
export function jsonFeedDocumentParts<F extends Part = string>(
  site: Site,
  page: PageInfo,
  items: readonly F[],
  deleted: readonly DeletedItem[] = [],
): (string | F)[] {
  const links = pagingLinks(site, 'json', page);
  const list = listIdentity(site, page.section);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: list.title,
    home_page_url: absoluteUrl(site, list.htmlPath()),
    // JSON Feed 1.1: feed_url identifies the feed, so every page names the subscription URL.
    feed_url: absoluteUrl(site, list.feedPath('json')),
    description: list.description,
    language: site.language,
    authors: [{ name: site.publisher.name, ...(site.publisher.url !== undefined ? { url: site.publisher.url } : {}) }],
    ...(site.websubHub !== undefined ? { hubs: [{ type: 'WebSub', url: site.websubHub }] } : {}),
    ...(links.next !== undefined ? { next_url: links.next } : {}),
    _wirefeed: {
      copyright: site.copyright,
      // No standard member; archiveUpdated, never the clock. Absent for an empty archive.
      ...(page.archiveUpdated !== undefined ? { updated: rfc3339Date(page.archiveUpdated) } : {}),
      // RFC 5005 §3 relations; JSON Feed itself only has next_url.
      paging: {
        self: links.self,
        first: links.first,
        ...(links.previous !== undefined ? { previous: links.previous } : {}),
        ...(links.next !== undefined ? { next: links.next } : {}),
        last: links.last,
      },
      ...(deleted.length > 0 ? { deleted } : {}),
    },
    items: 0,
  };
  const head = JSON.stringify(feed, null, 2);
  // The placeholder `0` is the last value of the object: swap it for the array.
  const before = head.slice(0, head.length - '0\n}'.length);
  if (items.length === 0) return [before, '[]\n}\n'];
  return [before, '[\n', ...joinedParts(items, ',\n'), '\n  ]\n}\n'];
}
