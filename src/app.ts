/** createApp(): the Hono app over the live archive; middleware order and route mounting live here alone. */
import { Hono } from 'hono';
import { answersPreflight, preflightHeaders } from './model/response-kinds.ts';
import { NotPublishedError } from './worker/archive/live-archive.ts';
import { defaultMemoryCacheBytes, MemoryCache } from './worker/http/memory-cache.ts';
import { requestGuard } from './worker/http/request-guard.ts';
import { isStorageFault, logStorageFault, unavailableHeaders } from './worker/http/storage-fault.ts';
import { publishEndpoint } from './worker/publish/publish-routes.ts';
import { articlePages } from './worker/routes/article-routes.ts';
import { listPages } from './worker/routes/list-routes.ts';
import { mediaFiles } from './worker/routes/media-routes.ts';
import { partnerApi } from './worker/routes/partner-routes.ts';
import { type AppEnv, errorPage, errorResponse, plainError, type RouteDeps } from './worker/routes/route-context.ts';
import { searchPages } from './worker/routes/search-routes.ts';
import { sectionPages } from './worker/routes/section-routes.ts';
import { siteFiles } from './worker/routes/site-routes.ts';

/** What the app is built from; `memory` defaults to a fresh 16 MiB memory for this isolate, `now` to Date.now. */
export type AppDeps = Omit<RouteDeps, 'memory' | 'now'> & {
  readonly memory?: MemoryCache;
  readonly now?: () => number;
};

/** The write surface: every request below it is authenticated by the endpoint itself, whatever its method. */
const publishPrefix = '/api/publish/';

export function createApp(appDeps: AppDeps): Hono<AppEnv> {
  const deps: RouteDeps = {
    ...appDeps,
    memory: appDeps.memory ?? new MemoryCache(defaultMemoryCacheBytes),
    now: appDeps.now ?? Date.now,
  };
  const app = new Hono<AppEnv>();
  const lastVersion = () => deps.archive.known;

  // 1. Reject what no route can answer: over-long URLs, malformed paths, unknown methods (not on the write surface).
  app.use(
    requestGuard({
      allowsOptions: answersPreflight,
      anyMethod: (path) => path.startsWith(publishPrefix),
      refuse: (check, c) => errorPage(c, deps, check.status, check.allow ? { Allow: check.allow } : undefined),
    }),
  );

  // 2. The publish endpoint (Bearer PUBLISH_TOKEN), before the preflight: it answers every method itself.
  app.route(publishPrefix.slice(0, -1), publishEndpoint({ archive: deps.archive, now: deps.now }));

  // 3. CORS preflight for the cross-origin kinds of response-kinds.ts (the guard already refused OPTIONS elsewhere).
  app.options('*', () => new Response(null, { status: 204, headers: preflightHeaders }));

  // 4. Routes over the live version. GET also answers HEAD: Hono drops the body and keeps the headers.
  app.route('/', listPages(deps));
  app.route('/', articlePages(deps));
  app.route('/', siteFiles(deps));
  app.route('/', sectionPages(deps));
  app.route('/', mediaFiles(deps));
  app.route('/', searchPages(deps));
  app.route('/', partnerApi(deps));

  // 5. Everything else, and the last resort: a page, never a stack trace.
  app.notFound((c) => errorPage(c, deps, 404));
  app.onError((error) => {
    // A stored piece that is missing or fails its checks: 503 + Retry-After, never cached, never a 404.
    if (isStorageFault(error)) {
      logStorageFault(error, lastVersion()?.rootHash ?? 'none');
      return errorResponse(lastVersion(), 503, unavailableHeaders);
    }
    if (error instanceof NotPublishedError) return plainError(503, unavailableHeaders);
    console.error('wirefeed: unhandled error', error);
    return errorResponse(lastVersion(), 500);
  });
  return app;
}
