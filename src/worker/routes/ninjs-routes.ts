/** `/articles/:slug.ninjs.json`: one read of the article's ninjs pack; document and headers were built ahead. */
import { Hono } from 'hono';
import { ninjsPackPath } from '../../archive/layout.ts';
import { ninjsPath } from '../../render/urls.ts';
import { serve } from '../http/serve.ts';
import { loadPacked } from './packed-load.ts';
import { type AppEnv, errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

const suffix = '.ninjs.json';

export function ninjsDocuments(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Only well-formed slugs match; anything else with the suffix falls through to the page route's 404.
  app.get('/articles/:file{[a-z0-9][a-z0-9_-]*\\.ninjs\\.json}', (c) => {
    const slug = c.req.param('file').slice(0, -suffix.length);
    return serve(serveRequest(c, deps, ninjsPath(slug)), {
      load: () => loadPacked(deps, c.env, ninjsPackPath, slug),
      notFound: () => errorResponse(deps.manifest, 404),
    });
  });
  return app;
}
