/**
 * What the in-process bench times: the renderers from scratch, request-time assembly from prebuilt per-item
 * fragments (the `render…Document` functions the Worker calls), and the Worker's whole list path from a stored
 * chunk (decodeSelectedBytes + rssDocumentParts + encodeParts: the bytes sent). `checkSubjects` proves every path
 * byte-identical to the renderer.
 */

import type { PackedArticle } from '../src/archive/manifest.ts';
import { decodeSelectedBytes } from '../src/archive/record-file.ts';
import type { Article } from '../src/model/article.ts';
import type { Site } from '../src/model/site.ts';
import { renderArticlePage } from '../src/render/article-page.ts';
import { renderAtomDocument, renderAtomEntry } from '../src/render/atom.ts';
import type { PageInfo } from '../src/render/feed-page.ts';
import { renderIndexDocument, renderIndexEntry } from '../src/render/index-page.ts';
import { renderJsonFeedDocument, renderJsonFeedItem } from '../src/render/json-feed.ts';
import { renderRssDocument, renderRssItem, rssDocumentParts } from '../src/render/rss.ts';
import { encodeParts } from '../src/shared/encode-parts.ts';
import {
  type FeedPage,
  renderAtom,
  renderIndexPage,
  renderJsonFeed,
  renderRss,
} from '../test/support/whole-documents.ts';

/** Per-item fragments as a build stores them: strings, ready to join. */
export interface Fragments {
  readonly rss: readonly string[];
  readonly atom: readonly string[];
  readonly json: readonly string[];
  readonly index: readonly string[];
}

export function prebuildFragments(site: Site, articles: readonly Article[]): Fragments {
  return {
    rss: articles.map((article) => renderRssItem(site, article)),
    atom: articles.map((article) => renderAtomEntry(site, article)),
    json: articles.map((article) => renderJsonFeedItem(site, article)),
    index: articles.map((article) => renderIndexEntry(site, article)),
  };
}

/** Where the page sits: what the Worker knows from the manifest alone. */
export function pageInfo(page: FeedPage): PageInfo {
  return {
    page: page.page,
    pageCount: page.pageCount,
    ...(page.archiveUpdated !== undefined ? { archiveUpdated: page.archiveUpdated } : {}),
  };
}

/**
 * The Worker's list path for a page held by one stored chunk, from the chunk's bytes to the page's: check the
 * index, take the fragments' bytes newest first, splice them between the encoded markup. Mirrors `renderListPage`
 * in src/worker/routes/list-routes.ts and `serve` for a one-chunk page.
 */
export function rssFromStoredChunk(site: Site, info: PageInfo, chunk: Uint8Array): Uint8Array {
  const items = decodeSelectedBytes<0>(chunk, 'rss chunk').records.map((record) => record.bytes);
  items.reverse();
  return encodeParts(rssDocumentParts(site, info, items));
}

/** The Worker's article path after the read: check the pack, find the slug, copy its bytes out (src/worker/routes/packed-load.ts). */
export function articleFromStoredPack(pack: Uint8Array, slug: string): Uint8Array {
  const stored = decodeSelectedBytes<PackedArticle>(pack, 'pack', undefined, (meta) => meta[0] === slug).records[0];
  if (stored === undefined) throw new Error(`${slug} is not in its pack`);
  return encodeParts([stored.bytes]);
}

const decoder = new TextDecoder();

/** Throws unless every assembled or stored path gives the renderer's exact bytes for `page`. */
export function checkSubjects(
  site: Site,
  page: FeedPage,
  fragments: Fragments,
  stored: { readonly rssChunk: Uint8Array; readonly pack: Uint8Array; readonly seed: Article },
): void {
  const info = pageInfo(page);
  const pairs: [string, string, string][] = [
    ['rss', renderRss(site, page), renderRssDocument(site, info, fragments.rss)],
    ['atom', renderAtom(site, page), renderAtomDocument(site, info, fragments.atom)],
    ['json', renderJsonFeed(site, page), renderJsonFeedDocument(site, info, fragments.json)],
    ['index', renderIndexPage(site, page), renderIndexDocument(site, info, fragments.index)],
    [
      'rss from the stored chunk',
      renderRss(site, page),
      decoder.decode(rssFromStoredChunk(site, info, stored.rssChunk)),
    ],
    [
      'article from the stored pack',
      renderArticlePage(site, stored.seed),
      decoder.decode(articleFromStoredPack(stored.pack, stored.seed.slug)),
    ],
  ];
  for (const [name, expected, actual] of pairs) {
    if (expected !== actual) {
      let at = 0;
      while (expected[at] === actual[at]) at++;
      throw new Error(
        `bench/subjects.ts: ${name} differs from the renderer at ${at}: ${JSON.stringify(expected.slice(at, at + 60))} vs ${JSON.stringify(actual.slice(at, at + 60))}`,
      );
    }
  }
}

export {
  renderArticlePage,
  renderAtom,
  renderAtomDocument,
  renderIndexDocument,
  renderIndexPage,
  renderJsonFeed,
  renderJsonFeedDocument,
  renderRss,
  renderRssDocument,
};
