/** `/sitemap.xml` (one sitemap, or an index of parts past 50,000 URLs), `/sitemaps/N.xml`, `/news-sitemap.xml`, `/robots.txt`. */
import { Hono } from 'hono';
import { serve } from '../http/serve.ts';
import { renderSitemapIndex } from '../render/sitemap.ts';
import { sitemapPartPath } from '../render/urls.ts';
import type { SiteManifest } from '../site-build.ts';
import { newsSitemapPath, sitemapPath } from '../storage/layout.ts';
import type { SiteStore } from '../storage/site-store.ts';
import { errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

export function siteFiles(deps: RouteDeps): Hono {
  const { manifest, storeFor } = deps;
  const app = new Hono();
  const notFound = () => errorResponse(manifest, 404);
  const headers = (name: string) => ({
    ...manifest.headers.sitemap,
    ETag: `"${manifest.version}-${name}"`,
    'Last-Modified': manifest.lastModified,
  });

  app.get('/sitemap.xml', (c) => {
    const known = headers('sitemap');
    const body = async () =>
      manifest.sitemapCount === 1
        ? readPart(manifest, storeFor(c.env), 1)
        : renderSitemapIndex(manifest.site, manifest.sitemapUpdated);
    return serve(serveRequest(c, deps, '/sitemap.xml'), {
      known,
      load: async () => ({ body: await body(), headers: known }),
      notFound,
    });
  });

  app.get('/sitemaps/:file', (c) => {
    const part = Number(/^([1-9][0-9]{0,5})\.xml$/.exec(c.req.param('file'))?.[1] ?? 0);
    if (manifest.sitemapCount === 1 || part < 1 || part > manifest.sitemapCount) return notFound();
    const known = headers(`sitemap-${part}`);
    return serve(serveRequest(c, deps, sitemapPartPath(part)), {
      known,
      load: async () => ({ body: await readPart(manifest, storeFor(c.env), part), headers: known }),
      notFound,
    });
  });

  app.get('/news-sitemap.xml', (c) => {
    const known = headers('news-sitemap');
    return serve(serveRequest(c, deps, '/news-sitemap.xml'), {
      known,
      load: async () => {
        const body = await storeFor(c.env).read(newsSitemapPath);
        if (body === undefined) throw new Error(`missing news sitemap of version ${manifest.version}`);
        return { body, headers: known };
      },
      notFound,
    });
  });

  app.get('/robots.txt', (c) =>
    serve(serveRequest(c, deps, '/robots.txt'), {
      known: manifest.robots.headers,
      load: async () => manifest.robots,
      notFound,
    }),
  );
  return app;
}

async function readPart(manifest: SiteManifest, store: SiteStore, part: number): Promise<string> {
  const text = await store.read(sitemapPath(part));
  if (text === undefined) throw new Error(`missing sitemap part ${part} of version ${manifest.version}`);
  return text;
}
