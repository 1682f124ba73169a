/** What every route needs from a request: the manifest, storage, and the pieces `serve` reads. */
import type { Context, Env as HonoEnv } from 'hono';
import type { Representation, SiteManifest } from '../../archive/manifest.ts';
import type { SiteStore } from '../../archive/site-store.ts';
import { edgeCacheKey } from '../http/edge-cache.ts';
import type { MemoryCache } from '../http/memory-cache.ts';
import type { ServeRequest } from '../http/serve.ts';

/** The app's Hono environment: the Worker's bindings, as `wrangler types` generates them (src/generated/worker-env.d.ts). */
export interface AppEnv extends HonoEnv {
  readonly Bindings: Env;
}

/** The request context every route handler gets. */
export type AppContext = Context<AppEnv>;

export interface RouteDeps {
  readonly manifest: SiteManifest;
  /** Storage for this request's environment (the ASSETS binding in production). */
  readonly storeFor: (env: Env) => SiteStore;
  /** The edge cache (Cache API `caches.default` in the Worker); absent where there is none (Node tools and tests). */
  readonly edgeCache?: Cache;
  /** The isolate's memory of recent responses, shared by every route of one app. */
  readonly memory: MemoryCache;
}

export function serveRequest(
  c: AppContext,
  { manifest, memory, edgeCache }: RouteDeps,
  routeKey: string,
): ServeRequest {
  const ifNoneMatch = c.req.header('If-None-Match') ?? null;
  return {
    memory,
    cache: edgeCache,
    ifNoneMatch,
    // RFC 9110 §13.1.3: If-Modified-Since counts only without If-None-Match, so it is only read then.
    ifModifiedSince: ifNoneMatch === null ? (c.req.header('If-Modified-Since') ?? null) : null,
    // The configured site's origin, not the request's Host: other Host headers cannot fragment the caches.
    // Made when first read: a 304 from known validators never needs it.
    get cacheKey() {
      return edgeCacheKey(siteOrigin(manifest), routeKey, manifest.version);
    },
    // Only called to store in the edge cache, which exists only where the runtime gives a context.
    waitUntil: (promise) => c.executionCtx.waitUntil(promise),
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
