/** `/articles/:slug`: one read of the article's pack; the page and its headers were rendered at build time. */
import { Hono } from 'hono';
import { articlePackPath } from '../../archive/layout.ts';
import { articlePath } from '../../render/urls.ts';
import { serve } from '../http/serve.ts';
import { loadPacked } from './packed-load.ts';
import { type AppEnv, errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

export function articlePages(deps: RouteDeps): Hono<AppEnv> {
  const { manifest } = deps;
  const app = new Hono<AppEnv>();
  app.get('/articles/:slug', (c) => {
    const slug = c.req.param('slug');
    return serve(serveRequest(c, deps, articlePath(slug)), {
      load: () => loadPacked(deps, c.env, articlePackPath, slug),
      notFound: () => errorResponse(manifest, 404),
    });
  });
  return app;
}
