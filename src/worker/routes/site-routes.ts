/** `/sitemap.xml` (one sitemap, or an index of parts past 50,000 URLs), `/sitemaps/N.xml`, `/news-sitemap.xml`, `/robots.txt`. */
import { Hono } from 'hono';
import { newsSitemapPath, sitemapPath } from '../../archive/layout.ts';
import type { SiteStore } from '../../archive/site-store.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { readExisting } from '../../archive/stored-shapes.ts';
import { versionEtag } from '../../model/response-kinds.ts';
import { renderSitemapIndex } from '../../render/sitemap.ts';
import { sitemapPartPath } from '../../render/urls.ts';
import { serve } from '../http/serve.ts';
import { type AppEnv, errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

export function siteFiles(deps: RouteDeps): Hono<AppEnv> {
  const { manifest, storeFor } = deps;
  const app = new Hono<AppEnv>();
  const notFound = () => errorResponse(manifest, 404);
  const headers = (name: string) => ({
    ...manifest.headers.sitemap,
    ETag: versionEtag(manifest.version, name),
    'Last-Modified': manifest.lastModified,
  });

  const sitemapKnown = headers('sitemap');
  const newsKnown = headers('news-sitemap');

  app.get('/sitemap.xml', (c) => {
    const known = sitemapKnown;
    const body = async () =>
      manifest.sitemapCount === 1
        ? readXml(storeFor(c.env), sitemapPath(1))
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
      load: async () => ({ body: await readXml(storeFor(c.env), sitemapPath(part)), headers: known }),
      notFound,
    });
  });

  app.get('/news-sitemap.xml', (c) => {
    const known = newsKnown;
    return serve(serveRequest(c, deps, '/news-sitemap.xml'), {
      known,
      load: async () => {
        const body = await readXml(storeFor(c.env), newsSitemapPath);
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

/** A stored XML file the manifest says exists: missing, empty or not XML is a storage fault (503). */
async function readXml(store: SiteStore, path: string): Promise<string> {
  const text = await readExisting(store, path);
  if (!text.startsWith('<?xml') || !text.trimEnd().endsWith('>')) throw new StoredFileError(path, 'is not XML');
  return text;
}
