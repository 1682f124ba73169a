/** SiteBuild: every response body and header the Worker can send, rendered at build time. */

/** What a representation is, for the HTTP layer's per-family rules (CORS, CSP, OPTIONS). */
export type RepresentationKind = 'html' | 'feed' | 'sitemap' | 'text';

export interface Representation {
  readonly status: number;
  readonly kind: RepresentationKind;
  /** The bytes to send, as UTF-8 text. */
  readonly body: string;
  /**
   * Every response header, already encoded and safe to send: Content-Type,
   * Cache-Control, ETag, Last-Modified, attribution, security, CORS.
   */
  readonly headers: Readonly<Record<string, string>>;
}

export interface SiteBuild {
  /** Changes whenever any byte of any representation changes; part of every edge-cache key. */
  readonly version: string;
  /**
   * Keyed by path plus normalized page: `/`, `/?page=2`, `/articles/<slug>`,
   * `/rss.xml`, `/rss.xml?page=3`, `/atom.xml`, `/feed.json`, `/sitemap.xml`, `/robots.txt`.
   */
  readonly routes: Readonly<Record<string, Representation>>;
  /** Error pages by status (400, 404, 405, 414, 500), in the site's look. */
  readonly errors: Readonly<Record<number, Representation>>;
}
