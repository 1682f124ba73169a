/** `/articles/:slug`: one read of the article's pack; the page and its headers were rendered at build time. */
import { Hono } from 'hono';
import { serve } from '../http/serve.ts';
import { articlePath } from '../render/urls.ts';
import { articlePackPath, packOf } from '../storage/layout.ts';
import { decodeSelected } from '../storage/record-file.ts';
import { isPackedArticle, readExisting } from '../storage/stored-shapes.ts';
import { errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

export function articlePages(deps: RouteDeps): Hono {
  const { manifest, storeFor } = deps;
  const app = new Hono();
  app.get('/articles/:slug', (c) => {
    const slug = c.req.param('slug');
    return serve(serveRequest(c, deps, articlePath(slug)), {
      load: async () => {
        if (manifest.articleCount === 0) return undefined;
        // Every pack is stored (an empty one too): a missing one is a storage fault (503), not a 404.
        const path = articlePackPath(packOf(slug, manifest.packCount));
        const pack = await readExisting(storeFor(c.env), path);
        const [stored] = decodeSelected(pack, path, isPackedArticle, (meta) => meta[0] === slug).records;
        return stored && { body: stored.text, headers: stored.meta[1] };
      },
      notFound: () => errorResponse(manifest, 404),
    });
  });
  return app;
}
