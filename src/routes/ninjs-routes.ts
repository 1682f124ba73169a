/** `/articles/:slug.ninjs.json`: one read of the article's ninjs pack; document and headers were built ahead. */
import { Hono } from 'hono';
import { serve } from '../http/serve.ts';
import { ninjsPath } from '../render/urls.ts';
import type { PackedArticle } from '../site-build.ts';
import { ninjsPackPath, packOf } from '../storage/layout.ts';
import { decodeRecords } from '../storage/record-file.ts';
import { errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

const suffix = '.ninjs.json';

/** A ninjs path of a well-formed slug (`[a-z0-9][a-z0-9_-]*`): the routes that also answer CORS preflight. */
export function isNinjsPath(path: string): boolean {
  return /^\/articles\/[a-z0-9][a-z0-9_-]*\.ninjs\.json$/.test(path);
}

export function ninjsDocuments(deps: RouteDeps): Hono {
  const { manifest, storeFor } = deps;
  const app = new Hono();
  // Only well-formed slugs match; anything else with the suffix falls through to the page route's 404.
  app.get('/articles/:file{[a-z0-9][a-z0-9_-]*\\.ninjs\\.json}', (c) => {
    const slug = c.req.param('file').slice(0, -suffix.length);
    return serve(serveRequest(c, deps, ninjsPath(slug)), {
      load: async () => {
        if (manifest.articleCount === 0) return undefined;
        const pack = await storeFor(c.env).read(ninjsPackPath(packOf(slug, manifest.packCount)));
        if (pack === undefined) return undefined;
        const stored = decodeRecords<PackedArticle>(pack).find((record) => record.meta[0] === slug);
        return stored && { body: stored.text, headers: stored.meta[1] };
      },
      notFound: () => errorResponse(manifest, 404),
    });
  });
  return app;
}
