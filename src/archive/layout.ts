/** Where each rendered piece lives in storage: article packs, list chunks, sitemaps (shared by build and Worker). */
import type { FeedFormat } from '../render/urls.ts';

/**
 * Articles per pack file: few enough that reading one article reads little, many enough to stay under file limits.
 * 8 since the ninjs packs doubled the pack count: at 100,000 articles with 50 tags and 200 sources, 4 gave 100,792
 * stored files (over the Paid plan's 100,000 a version), 8 gives 68,024.
 */
export const articlesPerPack = 8;

/** The sitemaps.org protocol's limit of URLs per sitemap file. */
export const sitemapUrlsPerFile = 50_000;

/** A list's formats: its three feeds and its HTML index. */
export type ListFormat = FeedFormat | 'index';

export const listFormats: readonly ListFormat[] = ['rss', 'atom', 'json', 'index'];

/**
 * A power of two, so adding articles reshuffles packs only when the archive doubles: an edit or a new
 * article otherwise changes one pack, and a deploy re-uploads only that file.
 */
export function packCountFor(articleCount: number): number {
  let count = 1;
  while (count * articlesPerPack < articleCount) count *= 2;
  return count;
}

/** FNV-1a (32 bit) of the slug: stable across runtimes, cheap, evenly spread. */
export function packOf(slug: string, packCount: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < slug.length; index++) {
    hash ^= slug.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % packCount;
}

export function articlePackPath(pack: number): string {
  return `articles/${pack}.json`;
}

/** The articles' ninjs documents, in packs parallel to the pages' (same packOf), so the HTML pack stays as small. */
export function ninjsPackPath(pack: number): string {
  return `ninjs/${pack}.json`;
}

/**
 * List chunks hold the fragments of `chunkSize` consecutive articles in publication order (oldest first),
 * so a new article only changes the newest chunk. Chunk 0 starts with the oldest article.
 */
export function listChunkPath(format: ListFormat, chunk: number): string {
  return `lists/${format}/${chunk}.json`;
}

/** The publication-order range a newest-first page covers, and the chunks that hold it. */
export interface PageSpan {
  /** Publication-order index of the page's oldest article (inclusive). */
  readonly from: number;
  /** Publication-order index after the page's newest article (exclusive). */
  readonly to: number;
  readonly firstChunk: number;
  readonly lastChunk: number;
}

export function pageSpan(articleCount: number, chunkSize: number, page: number): PageSpan {
  const to = Math.max(0, articleCount - (page - 1) * chunkSize);
  const from = Math.max(0, articleCount - page * chunkSize);
  return {
    from,
    to,
    firstChunk: Math.floor(from / chunkSize),
    lastChunk: Math.floor(Math.max(from, to - 1) / chunkSize),
  };
}

/** The Google News sitemap, rendered whole at build time (at most 1,000 URLs). */
export const newsSitemapPath = 'news-sitemap.xml';

export function sitemapPath(part: number): string {
  return `sitemaps/${part}.xml`;
}
