/**
 * The root document of one archive version: everything the Worker needs that does not grow with the number of
 * articles a page shows (site settings, shared headers, error pages, each list's head and spine, the slug
 * shards, sitemaps), and the release states of scheduled articles. It is itself a content-addressed object;
 * the live pointer names it. docs/archive.md describes the layout.
 */
import type { ArticleDate } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import type { SectionInfo } from '../render/list-identity.ts';
import type { DeletedEntries } from '../render/tombstones.ts';
import type { FeedFormat, ListFormat } from '../render/urls.ts';
import type { StoredChangeLog } from './changes-log.ts';

/** Where a piece lies: object `o` (its SHA-256), byte offset `at`, byte length `n`; `h` hashes the piece's decoded bytes. */
export interface PieceRef {
  readonly o: string;
  readonly at: number;
  readonly n: number;
  /** Base64url SHA-256 (22 characters) of the decoded piece: names its content whatever object holds it. */
  readonly h: string;
}

/** A response whose bytes and headers are fixed at build time (robots.txt, error pages). */
export interface Representation {
  readonly status: number;
  readonly body: string;
  /** Every response header, already encoded and safe to send. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The families of responses whose shared headers (type, cache, CORS, CSP) the root holds once. */
export type ResponseFamily = FeedFormat | 'html' | 'sitemap';

/** One newest-first list (the site's, or a tag's or source's section) as one release state shows it. */
export interface StoredList {
  /** Hash of everything the list's pages show (members, tombstones, section name): its ETags and cache keys. */
  readonly identity: string;
  /** Articles in the list. */
  readonly count: number;
  /** The newest `updated` date of its articles or retractions: feed `updated`, lastBuildDate. */
  readonly updated?: ArticleDate;
  /** The newest `updated` date of its articles alone: what the section directory shows. */
  readonly newest?: ArticleDate;
  /** `Last-Modified` of its pages (IMF-fixdate). */
  readonly lastModified: string;
  /** The tag or source; absent for the site's own list. */
  readonly section?: SectionInfo;
  /** RFC 6721 tombstones of recent retractions, for page 1. */
  readonly deleted?: DeletedEntries;
  /** Page 1 in each format: the fragments of the newest `pageSize` articles, newest first. Absent when empty. */
  readonly head?: Readonly<Record<ListFormat, PieceRef>>;
  /**
   * The whole list, oldest first, in pieces of `spineSize` entries each followed by the next `pageSize` (so any
   * page lies within one piece): each entry says where the article's four fragments lie (archive/spine.ts).
   */
  readonly spine: readonly PieceRef[];
}

/** The sitemaps of one release state. */
export interface StoredSitemaps {
  /** Parts of at most 10,000 URLs (builder/archive/sitemap-pieces.ts); a single part is served as /sitemap.xml itself. */
  readonly parts: readonly PieceRef[];
  /** Each part's lastmod (RFC 3339; empty when unknown), for the sitemap index. */
  readonly updated: readonly string[];
  /** The Google News sitemap. */
  readonly news: PieceRef;
}

/**
 * What the public sees from `from` (ms since the epoch) until the next state's `from`. State 0 starts at 0 and
 * holds every list; a later state (a scheduled release) holds only the lists that change at its instant, and
 * its sitemaps when they change.
 */
export interface ReleaseState {
  readonly from: number;
  /** Lists by id: `site`, `tag:<key>`, `source:<key>` (listId). */
  readonly lists: Readonly<Record<string, StoredList>>;
  readonly sitemaps?: StoredSitemaps;
}

export interface RootDocument {
  readonly format: typeof rootFormat;
  readonly site: Site;
  /** Shared headers of each response family (type, cache, CORS, security). */
  readonly headers: Readonly<Record<ResponseFamily, Readonly<Record<string, string>>>>;
  readonly robots: Representation;
  /** Error pages by status (400, 404, 405, 414, 500, 503: builder/archive/site-representations.ts), in the site's look. */
  readonly errors: Readonly<Record<number, Representation>>;
  /** Slug shards: a power-of-two count, each listing its articles and where their blocks lie (archive/shard.ts). */
  readonly shards: readonly PieceRef[];
  /** Release states, `from` ascending; state 0 has every list and the sitemaps. */
  readonly states: readonly ReleaseState[];
  /** Every object and picture this version needs (archive/inventory.ts): what a switch checks and collection keeps. */
  readonly inventory: PieceRef;
  /** The changes log up to this version (archive/changes-log.ts). */
  readonly changes: StoredChangeLog;
  /** Partners of content/partners.yaml (key hashes, sections, webhook URLs and secret names); absent: none. */
  readonly partners?: PieceRef;
}

export const rootFormat = 'wirefeed-archive/1';

/** The id of a list in `ReleaseState.lists`. */
export function listId(section?: { readonly kind: string; readonly key: string }): string {
  return section === undefined ? 'site' : `${section.kind}:${section.key}`;
}
