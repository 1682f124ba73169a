/** createApp(): the Hono app over a built site; middleware order and route mounting live here alone. */
import { Hono } from 'hono';
import { answersPreflight, preflightHeaders } from './model/response-kinds.ts';
import { defaultMemoryCacheBytes, MemoryCache } from './worker/http/memory-cache.ts';
import { requestGuard } from './worker/http/request-guard.ts';
import { isStorageFault, logStorageFault, unavailableHeaders } from './worker/http/storage-fault.ts';
import { articlePages } from './worker/routes/article-routes.ts';
import { listPages } from './worker/routes/list-routes.ts';
import { mediaFiles } from './worker/routes/media-routes.ts';
import { ninjsDocuments } from './worker/routes/ninjs-routes.ts';
import { type AppEnv, errorResponse, type RouteDeps } from './worker/routes/route-context.ts';
import { sectionPages } from './worker/routes/section-routes.ts';
import { siteFiles } from './worker/routes/site-routes.ts';

/** What the app is built from; `memory` defaults to a fresh 16 MiB memory for this isolate. */
export type AppDeps = Omit<RouteDeps, 'memory'> & { readonly memory?: MemoryCache };

export function createApp(appDeps: AppDeps): Hono<AppEnv> {
  const deps: RouteDeps = { ...appDeps, memory: appDeps.memory ?? new MemoryCache(defaultMemoryCacheBytes) };
  const { manifest } = deps;
  const app = new Hono<AppEnv>();

  // 1. Reject what no route can answer: over-long URLs, malformed paths, unknown methods.
  app.use(
    requestGuard({
      allowsOptions: answersPreflight,
      refuse: (check) => errorResponse(manifest, check.status, check.allow ? { Allow: check.allow } : undefined),
    }),
  );

  // 2. CORS preflight for the cross-origin kinds of response-kinds.ts (the guard already refused OPTIONS elsewhere).
  app.options('*', () => new Response(null, { status: 204, headers: preflightHeaders }));

  // 3. Routes. GET also answers HEAD: Hono drops the body and keeps the headers.
  app.route('/', listPages(deps));
  app.route('/', ninjsDocuments(deps)); // before the pages: `/articles/:slug` would match `x.ninjs.json` too
  app.route('/', articlePages(deps));
  app.route('/', siteFiles(deps));
  app.route('/', sectionPages(deps));
  app.route('/', mediaFiles(deps));

  // 4. Everything else, and the last resort: a page, never a stack trace.
  app.notFound(() => errorResponse(manifest, 404));
  app.onError((error) => {
    // A stored file that is missing or fails its checks: 503 + Retry-After, never cached, never a 404.
    if (isStorageFault(error)) {
      logStorageFault(error, manifest.version);
      return errorResponse(manifest, 503, unavailableHeaders);
    }
    console.error('wirefeed: unhandled error', error);
    return errorResponse(manifest, 500);
  });
  return app;
}
