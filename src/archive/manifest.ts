/** What `npm run build` produces: a small manifest compiled into the Worker, and files for storage. */
import type { ArticleDate } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import type { DeletedEntries } from '../render/tombstones.ts';
import type { FeedFormat } from '../render/urls.ts';

/** A response whose bytes and headers are fixed at build time (robots.txt, error pages). */
export interface Representation {
  readonly status: number;
  readonly body: string;
  /** Every response header, already encoded and safe to send. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * An article's metadata in its pack file (the page itself is the record's text): slug, every header it is
 * sent with, and its status when not 200 (410 for a retracted article).
 */
export type PackedArticle = readonly [slug: string, headers: Readonly<Record<string, string>>, status?: number];

/** The families of responses whose shared headers (type, cache, CORS, CSP) the manifest holds once. */
export type ResponseFamily = FeedFormat | 'html' | 'sitemap';

/**
 * Everything the Worker needs that does not grow with the archive: counts, the site settings the
 * page renderers read, shared headers, fixed pages. Its size is the same for 1 or 100,000 articles.
 */
export interface SiteManifest {
  /** Changes whenever any stored or served byte changes: part of every edge-cache key and list ETag. */
  readonly version: string;
  readonly site: Site;
  /** Articles the lists show (retracted ones are left out). */
  readonly articleCount: number;
  /** Retracted articles: they keep their page (410) but no list shows them. */
  readonly retractedCount?: number;
  /** Tombstones for page 1 of the feeds (RFC 6721), at most maxTombstones; absent when none. */
  readonly deleted?: DeletedEntries;
  /** Pages of the newest-first archive (at least 1); list chunks hold `site.pageSize` articles each. */
  readonly pageCount: number;
  readonly packCount: number;
  readonly sitemapCount: number;
  /** Each sitemap part's lastmod (the newest `updated` it lists, RFC 3339): one date per 50,000 articles. */
  readonly sitemapUpdated: readonly string[];
  /** The newest `updated` date in the archive: lists' Last-Modified and feed `updated`. */
  readonly archiveUpdated?: ArticleDate;
  /** `Last-Modified` of every list page, the sitemap and robots.txt (IMF-fixdate). */
  readonly lastModified: string;
  readonly headers: Readonly<Record<ResponseFamily, Readonly<Record<string, string>>>>;
  readonly robots: Representation;
  /** Error pages by status (400, 404, 405, 414, 500, 503), in the site's look. */
  readonly errors: Readonly<Record<number, Representation>>;
}
