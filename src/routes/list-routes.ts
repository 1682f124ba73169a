/** `/`, `/rss.xml`, `/atom.xml`, `/feed.json`: one newest-first page, joined from fragments rendered at build time. */
import { type Context, Hono } from 'hono';
import { parsePageParams } from '../http/page-query.ts';
import { serve } from '../http/serve.ts';
import { websubLinkHeader } from '../http/websub-links.ts';
import { renderAtomDocument } from '../render/atom.ts';
import type { PageInfo } from '../render/feed-page.ts';
import { renderIndexDocument } from '../render/index-page.ts';
import { renderJsonFeedDocument } from '../render/json-feed.ts';
import { renderRssDocument } from '../render/rss.ts';
import type { DeletedEntries } from '../render/tombstones.ts';
import { absoluteUrl, feedPath, indexPath } from '../render/urls.ts';
import type { Site } from '../site.ts';
import type { ResponseFamily, SiteManifest } from '../site-build.ts';
import { type ListFormat, listChunkPath, pageSpan } from '../storage/layout.ts';
import { decodeRecords } from '../storage/record-file.ts';
import type { SiteStore } from '../storage/site-store.ts';
import { errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

interface ListRoute {
  readonly format: ListFormat;
  readonly family: ResponseFamily;
  readonly path: (page: number) => string;
  readonly render: (site: Site, page: PageInfo, fragments: readonly string[], deleted?: DeletedEntries) => string;
}

const listRoutes: Readonly<Record<string, ListRoute>> = {
  '/': { format: 'index', family: 'html', path: indexPath, render: renderIndexDocument },
  '/rss.xml': { format: 'rss', family: 'rss', path: (page) => feedPath('rss', page), render: renderRssDocument },
  '/atom.xml': {
    format: 'atom',
    family: 'atom',
    path: (page) => feedPath('atom', page),
    render: (site, page, entries, deleted) => renderAtomDocument(site, page, entries, deleted?.atom),
  },
  '/feed.json': {
    format: 'json',
    family: 'json',
    path: (page) => feedPath('json', page),
    render: (site, page, items, deleted) => renderJsonFeedDocument(site, page, items, deleted?.json),
  },
};

export function listPages(deps: RouteDeps): Hono {
  const { manifest, storeFor } = deps;
  const app = new Hono();
  for (const [path, route] of Object.entries(listRoutes)) {
    app.get(path, (c: Context) => {
      // `?page=N`: malformed is 400, past the last page 404; other parameters are ignored.
      const query = parsePageParams(c.req.queries('page') ?? []);
      if (!query.ok) return errorResponse(manifest, 400);
      const { page } = query;
      if (page > manifest.pageCount) return errorResponse(manifest, 404);
      // Every list page changes with any new article, so the content version is its validator.
      const headers = listHeaders(manifest, route, page);
      return serve(serveRequest(c, deps, route.path(page)), {
        known: headers,
        load: async () => ({ body: await renderListPage(manifest, storeFor(c.env), route, page), headers }),
        notFound: () => errorResponse(manifest, 404),
      });
    });
  }
  return app;
}

function listHeaders(manifest: SiteManifest, route: ListRoute, page: number): Record<string, string> {
  const hub =
    route.family === 'html' ? undefined : websubLinkHeader(manifest.site, absoluteUrl(manifest.site, route.path(page)));
  return {
    ...manifest.headers[route.family],
    ETag: `"${manifest.version}-${route.format}-${page}"`,
    'Last-Modified': manifest.lastModified,
    ...(hub ? { Link: hub } : {}),
  };
}

/** Reads the one or two chunks that hold the page and joins their fragments, newest first. */
async function renderListPage(
  manifest: SiteManifest,
  store: SiteStore,
  route: ListRoute,
  page: number,
): Promise<string> {
  const { site, articleCount, pageCount, archiveUpdated } = manifest;
  const span = pageSpan(articleCount, site.pageSize, page);
  const fragments: string[] = [];
  for (let chunk = span.firstChunk; span.to > span.from && chunk <= span.lastChunk; chunk++) {
    const text = await store.read(listChunkPath(route.format, chunk));
    if (text === undefined) throw new Error(`missing list chunk ${route.format}/${chunk}`);
    const offset = chunk * site.pageSize;
    const records = decodeRecords<0>(text).slice(Math.max(0, span.from - offset), span.to - offset);
    for (const record of records) fragments.push(record.text);
  }
  fragments.reverse();
  const info = { page, pageCount, ...(archiveUpdated ? { archiveUpdated } : {}) };
  // Tombstones (RFC 6721) of recent retractions go on page 1 only: it is what subscribers poll.
  return route.render(site, info, fragments, page === 1 ? manifest.deleted : undefined);
}
