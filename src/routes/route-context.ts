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
    // The configured site's origin, not the request's Host: other Host headers cannot fragment the caches.
    cacheKey: edgeCacheKey(siteOrigin(manifest), routeKey, manifest.version),
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

const origins = new WeakMap<SiteManifest, string>();

/** `https://host:port` of the site's baseUrl, parsed once per manifest. */
function siteOrigin(manifest: SiteManifest): string {
  let origin = origins.get(manifest);
  if (origin === undefined) {
    origin = new URL(manifest.site.baseUrl).origin;
    origins.set(manifest, origin);
  }
  return origin;
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
