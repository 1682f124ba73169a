/** `/articles/:slug`: one read of the article's pack; the page and its headers were rendered at build time. */
import { Hono } from 'hono';
import { serve } from '../http/serve.ts';
import { articlePath } from '../render/urls.ts';
import type { PackedArticle } from '../site-build.ts';
import { articlePackPath, packOf } from '../storage/layout.ts';
import { decodeRecords } from '../storage/record-file.ts';
import { errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

export function articlePages(deps: RouteDeps): Hono {
  const { manifest, storeFor } = deps;
  const app = new Hono();
  app.get('/articles/:slug', (c) => {
    const slug = c.req.param('slug');
    return serve(serveRequest(c, deps, articlePath(slug)), {
      load: async () => {
        if (manifest.articleCount + (manifest.retractedCount ?? 0) === 0) return undefined;
        const pack = await storeFor(c.env).read(articlePackPath(packOf(slug, manifest.packCount)));
        if (pack === undefined) return undefined;
        const stored = decodeRecords<PackedArticle>(pack).find((record) => record.meta[0] === slug);
        const status = stored?.meta[2];
        return stored && { body: stored.text, headers: stored.meta[1], ...(status ? { status } : {}) };
      },
      notFound: () => errorResponse(manifest, 404),
    });
  });
  return app;
}
