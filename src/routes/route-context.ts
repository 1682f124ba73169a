/** What every route needs from a request: the manifest, storage, and the pieces `serve` reads. */
import type { Context } from 'hono';
import { edgeCacheKey } from '../http/edge-cache.ts';
import type { MemoryCache } from '../http/memory-cache.ts';
import type { ServeRequest } from '../http/serve.ts';
import type { Representation, SiteManifest } from '../site-build.ts';
import type { SiteStore } from '../storage/site-store.ts';

export interface RouteDeps {
  readonly manifest: SiteManifest;
  /** Storage for this request's environment (the ASSETS binding in production). */
  readonly storeFor: (env: unknown) => SiteStore;
  /** The isolate's memory of recent responses, shared by every route of one app. */
  readonly memory: MemoryCache;
}

export function serveRequest(c: Context, { manifest, memory }: RouteDeps, routeKey: string): ServeRequest {
  return {
    memory,
    ifNoneMatch: c.req.header('If-None-Match') ?? null,
    ifModifiedSince: c.req.header('If-Modified-Since') ?? null,
    cacheKey: edgeCacheKey(originOf(c.req.url), routeKey, manifest.version),
    waitUntil: waitUntilOf(c),
  };
}

/** An error page in the site's look, with extra headers such as `Allow`. */
export function errorResponse(
  manifest: SiteManifest,
  status: number,
  extra?: Readonly<Record<string, string>>,
): Response {
  const page: Representation | undefined = manifest.errors[status] ?? manifest.errors[500];
  if (!page) return new Response('Internal Server Error', { status: 500 });
  return new Response(page.body, { status, headers: extra ? { ...page.headers, ...extra } : page.headers });
}

/** `https://host:port` of an absolute URL as Request.url serializes it, without parsing it again. */
function originOf(url: string): string {
  const path = url.indexOf('/', url.indexOf('//') + 2);
  return path === -1 ? url : url.slice(0, path);
}

function waitUntilOf(c: Context): (promise: Promise<unknown>) => void {
  try {
    const context = c.executionCtx;
    return (promise) => context.waitUntil(promise);
  } catch {
    // No ExecutionContext (plain Node, as in the browser tests): finish the write in the background.
    return (promise) => void promise.catch(() => {});
  }
}
