/** What every route needs from a request: the live archive, its source, the caches, and the pieces `serve` reads. */
import type { Context, Env as HonoEnv } from 'hono';
import type { ArchiveSource } from '../../archive/archive-source.ts';
import type { Representation } from '../../archive/root.ts';
import type { LiveArchive } from '../archive/live-archive.ts';
import type { Version } from '../archive/version.ts';
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
  /** The isolate's view of the live version. */
  readonly archive: LiveArchive;
  /** The archive for this request's environment (the ARCHIVE binding in the Worker). */
  readonly sourceFor: (env: Env) => ArchiveSource;
  /** The edge cache (Cache API `caches.default` in the Worker); absent where there is none (Node tools and tests). */
  readonly edgeCache?: Cache;
  /** The isolate's memory of recent responses, shared by every route of one app. */
  readonly memory: MemoryCache;
  /** The clock that decides which scheduled articles are released. @default Date.now */
  readonly now: () => number;
}

/**
 * Runs `respond` with the live version: at once when the isolate's pointer is fresh (a 304 costs no turn of the
 * event loop), after reading it again otherwise.
 */
export function withVersion(
  c: AppContext,
  deps: RouteDeps,
  respond: (version: Version) => Response | Promise<Response>,
): Response | Promise<Response> {
  const version = deps.archive.version(deps.sourceFor(c.env));
  return version instanceof Promise ? version.then(respond) : respond(version);
}

export function serveRequest(
  c: AppContext,
  { memory, edgeCache }: RouteDeps,
  version: Version,
  routeKey: string,
  cacheVersion: string,
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
      return edgeCacheKey(siteOrigin(version), routeKey, cacheVersion);
    },
    // Only called to store in the edge cache, which exists only where the runtime gives a context.
    waitUntil: (promise) => c.executionCtx.waitUntil(promise),
  };
}

/** An error page in the site's look, with extra headers such as `Allow`. */
export function errorResponse(
  version: Version | undefined,
  status: number,
  extra?: Readonly<Record<string, string>>,
): Response {
  const page: Representation | undefined = version?.root.errors[status] ?? version?.root.errors[500];
  if (!page) return plainError(status, extra);
  return new Response(page.body, { status, headers: extra ? { ...page.headers, ...extra } : page.headers });
}

/** An error page in the site's look of the live version (read if need be); plain when nothing can be read. */
export async function errorPage(
  c: AppContext,
  deps: RouteDeps,
  status: number,
  extra?: Readonly<Record<string, string>>,
): Promise<Response> {
  let version: Version | undefined;
  try {
    version = await deps.archive.version(deps.sourceFor(c.env));
  } catch {
    version = deps.archive.known;
  }
  return errorResponse(version, status, extra);
}

/** Before anything is published there is no site to draw an error page in: a short plain one. */
export function plainError(status: number, extra?: Readonly<Record<string, string>>): Response {
  const text =
    status === 503
      ? 'Nothing has been published yet, or the archive cannot be read. Try again in a minute.\n'
      : `${status}\n`;
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    },
  });
}

const origins = new WeakMap<Version, string>();

/** `https://host:port` of the site's baseUrl, parsed once per version. */
function siteOrigin(version: Version): string {
  let origin = origins.get(version);
  if (origin === undefined) {
    origin = new URL(version.root.site.baseUrl).origin;
    origins.set(version, origin);
  }
  return origin;
}
