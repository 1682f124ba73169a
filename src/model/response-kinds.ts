/** The response policy: what each kind of response is (media type, cache family, CORS, ETag recipe, preflight paths), read by the build and the app. */
import { cacheControlValue } from './cache-control.ts';
import type { Site } from './site.ts';

/** Which lifetime a kind's `Cache-Control` comes from: one of `site.cache`, a year (`immutable`), or `no-store`. */
export type CacheFamily = keyof Site['cache'] | 'immutable' | 'none';

/**
 * How a kind's ETag is made: `version` is the content version plus the route's parts (the list changes with any
 * article, so it is known without reading storage); `bytes` is a hash of the body made at build time;
 * `name` is the content hash the file is named by; `none` has no ETag (error pages).
 */
export type EtagRecipe = 'version' | 'bytes' | 'name' | 'none';

export interface ResponseKind {
  /** Media type without parameters (RFC 9110 §8.3.1); text kinds are sent with `charset=utf-8`. */
  readonly mediaType: string;
  readonly cache: CacheFamily;
  /** Readable by any origin: CORS headers on GET, and OPTIONS on its paths answers the preflight (Fetch standard §3.2). */
  readonly cors: boolean;
  readonly etag: EtagRecipe;
  /** The request paths served as this kind, as the request guard sees them (before routing). */
  readonly paths: RegExp;
}

/** Paths no request has: for kinds that are never a route of their own (error pages). */
const noPath = /^(?!)$/;

/** Every kind of response the Worker sends; a new route is one row here. */
export const responseKinds = {
  list: {
    mediaType: 'text/html',
    cache: 'pages',
    cors: false,
    etag: 'version',
    paths: /^\/(?:(?:tags|sources)\/(?:[^/]+)?)?$/,
  },
  page: { mediaType: 'text/html', cache: 'pages', cors: false, etag: 'bytes', paths: /^\/articles\/[^/]+$/ },
  rss: {
    mediaType: 'application/rss+xml',
    cache: 'feeds',
    cors: true,
    etag: 'version',
    paths: /^\/(?:(?:tags|sources)\/[^/]+\/)?rss\.xml$/,
  },
  atom: {
    mediaType: 'application/atom+xml',
    cache: 'feeds',
    cors: true,
    etag: 'version',
    paths: /^\/(?:(?:tags|sources)\/[^/]+\/)?atom\.xml$/,
  },
  json: {
    mediaType: 'application/feed+json',
    cache: 'feeds',
    cors: true,
    etag: 'version',
    paths: /^\/(?:(?:tags|sources)\/[^/]+\/)?feed\.json$/,
  },
  sitemap: {
    mediaType: 'application/xml',
    cache: 'other',
    cors: true,
    etag: 'version',
    paths: /^\/(?:sitemap\.xml|news-sitemap\.xml|sitemaps\/[1-9][0-9]{0,5}\.xml)$/,
  },
  ninjs: {
    mediaType: 'application/json',
    cache: 'pages',
    cors: true,
    etag: 'bytes',
    paths: /^\/articles\/[a-z0-9][a-z0-9_-]*\.ninjs\.json$/,
  },
  newsml: {
    mediaType: 'application/vnd.iptc.g2.newsitem+xml',
    cache: 'pages',
    cors: true,
    etag: 'bytes',
    paths: /^\/articles\/[a-z0-9][a-z0-9_-]*\.newsml\.xml$/,
  },
  search: { mediaType: 'text/html', cache: 'pages', cors: false, etag: 'version', paths: /^\/search$/ },
  searchFeed: {
    mediaType: 'application/feed+json',
    cache: 'feeds',
    cors: true,
    etag: 'version',
    paths: /^\/search\.json$/,
  },
  robots: { mediaType: 'text/plain', cache: 'other', cors: false, etag: 'bytes', paths: /^\/robots\.txt$/ },
  media: { mediaType: 'from-file', cache: 'immutable', cors: false, etag: 'name', paths: /^\/media\/[^/]+$/ },
  error: { mediaType: 'text/html', cache: 'none', cors: false, etag: 'none', paths: noPath },
} as const satisfies Record<string, ResponseKind>;

export type ResponseKindName = keyof typeof responseKinds;

/** The name is the hash of the bytes, so the file never changes: a year, and immutable (RFC 8246). */
export const immutableCacheControl = 'public, max-age=31536000, immutable';

/** Headers that let any origin read a response, and the validators it needs for polling. */
const crossOriginHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified, Link',
};

const nosniff = { 'X-Content-Type-Options': 'nosniff' };

/** The answer to a CORS preflight (OPTIONS) on a cross-origin kind's path: conditional GETs may follow. */
export const preflightHeaders: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since, Cache-Control',
  'Access-Control-Max-Age': '86400',
  Allow: 'GET, HEAD, OPTIONS',
};

const corsKinds: readonly ResponseKind[] = Object.values(responseKinds).filter((kind) => kind.cors);

/** Whether OPTIONS on `path` answers a CORS preflight: the path is one of a cross-origin kind's. */
export function answersPreflight(path: string): boolean {
  return corsKinds.some((kind) => kind.paths.test(path));
}

/** `Content-Type` of a text kind: its media type with `charset=utf-8`. */
export function contentTypeOf(kind: ResponseKind): string {
  return `${kind.mediaType}; charset=utf-8`;
}

/** `Cache-Control` of a kind under the site's lifetimes. */
export function cacheControlOf(kind: ResponseKind, site: Site): string {
  if (kind.cache === 'immutable') return immutableCacheControl;
  if (kind.cache === 'none') return 'no-store';
  return cacheControlValue(site.cache[kind.cache]);
}

/**
 * The headers every response of a kind shares: type, cache, CORS when cross-origin, then `security` (the HTML
 * kinds' CSP set, which has nosniff) or nosniff alone. `type` overrides the media type (pictures).
 */
export function kindHeaders(
  kind: ResponseKind,
  site: Site,
  options: { readonly security?: Readonly<Record<string, string>>; readonly type?: string } = {},
): Record<string, string> {
  return {
    'Content-Type': options.type ?? contentTypeOf(kind),
    'Cache-Control': cacheControlOf(kind, site),
    ...(kind.cors ? crossOriginHeaders : {}),
    ...(options.security ?? nosniff),
  };
}

/** A `version` ETag: strong (RFC 9110 §8.8.3), the content version and the route's parts, e.g. `"v-rss-2"`. */
export function versionEtag(version: string, ...parts: readonly (string | number)[]): string {
  return `"${version}-${parts.join('-')}"`;
}
