/** Site: publication-wide settings every renderer reads (from content/site.yaml). */

/** Cache lifetimes in seconds for one family of responses. */
export interface CachePolicy {
  /** Browser and feed-reader freshness. */
  readonly maxAge: number;
  /** Shared (edge) cache freshness. */
  readonly sMaxAge: number;
  /** How long a stale copy may be served while revalidating. */
  readonly staleWhileRevalidate: number;
}

export interface Site {
  readonly title: string;
  readonly description: string;
  /** Absolute origin with optional path, no trailing slash, e.g. `https://news.example.com`. */
  readonly baseUrl: string;
  /** BCP 47 default language for articles and feeds. */
  readonly language: string;
  /** IANA time zone for dates written without an offset. @default 'UTC' */
  readonly timeZone: string;
  readonly publisher: { readonly name: string; readonly url?: string };
  /** The site's rights statement, used by feeds and where an article has none. */
  readonly copyright: string;
  /** Items per feed or index page. @default 20 */
  readonly pageSize: number;
  /** CSS colour for links and accents. @default '#b3261e' */
  readonly accentColor: string;
  /** WebSub hub URL announced by the feeds. */
  readonly websubHub?: string;
  readonly cache: {
    readonly feeds: CachePolicy;
    readonly pages: CachePolicy;
    readonly other: CachePolicy;
  };
}
