/** createApp(): the Hono app that serves a prebuilt SiteBuild; middleware order lives here alone. */
import { type Context, Hono } from 'hono';
import { isNotModified, notModifiedHeaders } from './http/conditional-get.ts';
import { edgeCacheKey, withEdgeCache } from './http/edge-cache.ts';
import { parseHttpDate } from './http/http-date.ts';
import { parsePageParams } from './http/page-query.ts';
import { checkRequest } from './http/request-guard.ts';
import { articlePath, type FeedFormat, feedPath, indexPath } from './render/urls.ts';
import type { Representation, SiteBuild } from './site-build.ts';

/** Routes whose responses other origins may read: they answer CORS preflight (OPTIONS). */
const crossOriginPaths = new Set(['/rss.xml', '/atom.xml', '/feed.json', '/sitemap.xml']);

export function createApp(build: SiteBuild): Hono {
  const app = new Hono();

  const errorResponse = (status: number, extra?: Record<string, string>): Response => {
    const page = build.errors[status] ?? build.errors[500];
    return new Response(page?.body ?? 'Internal Server Error', {
      status,
      headers: { ...page?.headers, ...extra },
    });
  };

  // Conditional GET first (no body, no cache read), then the edge cache, then the prebuilt bytes.
  const serve = (c: Context, key: string): Response | Promise<Response> => {
    const representation = build.routes[key];
    if (!representation) return errorResponse(404);
    if (notModified(c, representation)) {
      return new Response(null, { status: 304, headers: notModifiedHeaders(representation.headers) });
    }
    const cacheKey = edgeCacheKey(new URL(c.req.url).origin, key, build.version);
    return withEdgeCache(cacheKey, waitUntil(c), () => fromRepresentation(representation));
  };

  // Paged routes: `?page=N` picks the page; a malformed value is 400, a page past the last 404.
  const paged = (path: (page: number) => string) => (c: Context) => {
    const page = parsePageParams(c.req.queries('page') ?? []);
    return page.ok ? serve(c, path(page.page)) : errorResponse(400);
  };

  // 1. Reject what no route can answer: over-long URLs, malformed paths, unknown methods.
  app.use(async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const verdict = checkRequest(c.req.method, c.req.url, crossOriginPaths.has(path));
    if (!verdict.ok) return errorResponse(verdict.status, verdict.allow ? { Allow: verdict.allow } : undefined);
    await next();
  });

  // 2. CORS preflight for feeds and the sitemap.
  app.options('*', (c) => {
    if (!crossOriginPaths.has(new URL(c.req.url).pathname)) return errorResponse(404);
    return new Response(null, {
      status: 204,
      headers: {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since, Cache-Control',
        'Access-Control-Max-Age': '86400',
        Allow: 'GET, HEAD, OPTIONS',
      },
    });
  });

  // 3. Routes (GET also answers HEAD: Hono drops the body and keeps the headers).
  app.get('/', paged(indexPath));
  const feeds: Record<string, FeedFormat> = { '/rss.xml': 'rss', '/atom.xml': 'atom', '/feed.json': 'json' };
  for (const [path, format] of Object.entries(feeds))
    app.get(
      path,
      paged((page) => feedPath(format, page)),
    );
  app.get('/articles/:slug', (c) => serve(c, articlePath(c.req.param('slug'))));
  app.get('/sitemap.xml', (c) => serve(c, '/sitemap.xml'));
  app.get('/robots.txt', (c) => serve(c, '/robots.txt'));

  // 4. Everything else, and the last resort: a page, never a stack trace.
  app.notFound(() => errorResponse(404));
  app.onError((error) => {
    console.error('wirefeed: unhandled error', error);
    return errorResponse(500);
  });
  return app;
}

function fromRepresentation(representation: Representation): Response {
  return new Response(representation.body, { status: representation.status, headers: representation.headers });
}

function notModified(c: Context, representation: Representation): boolean {
  const ifNoneMatch = c.req.header('If-None-Match') ?? null;
  const ifModifiedSince = c.req.header('If-Modified-Since') ?? null;
  if (ifNoneMatch === null && ifModifiedSince === null) return false;
  return isNotModified(
    { ifNoneMatch, ifModifiedSince },
    {
      etag: representation.headers.ETag ?? '',
      lastModifiedMs: parseHttpDate(representation.headers['Last-Modified'] ?? '') ?? 0,
    },
  );
}

function waitUntil(c: Context): (promise: Promise<unknown>) => void {
  try {
    const context = c.executionCtx;
    return (promise) => context.waitUntil(promise);
  } catch {
    // No ExecutionContext (plain Node, as in the browser tests): finish the write in the background.
    return (promise) => void promise.catch(() => {});
  }
}
