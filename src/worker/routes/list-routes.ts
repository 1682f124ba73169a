/** `/`, `/rss.xml`, `/atom.xml`, `/feed.json`: one newest-first page, joined from fragments rendered at build time. */
import { Hono } from 'hono';
import { type ListFormat, listChunkPath, pageSpan } from '../../archive/layout.ts';
import type { ResponseFamily, SiteManifest } from '../../archive/manifest.ts';
import { decodeSelectedBytes } from '../../archive/record-file.ts';
import type { SiteStore } from '../../archive/site-store.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { isListEntry, readExistingBytes } from '../../archive/stored-shapes.ts';
import type { ArticleDate } from '../../model/article.ts';
import { versionEtag } from '../../model/response-kinds.ts';
import type { Site } from '../../model/site.ts';
import { atomDocumentParts } from '../../render/atom.ts';
import type { PageInfo } from '../../render/feed-page.ts';
import { websubLinkHeader } from '../../render/headers/websub-links.ts';
import { indexDocumentParts } from '../../render/index-page.ts';
import { jsonFeedDocumentParts } from '../../render/json-feed.ts';
import type { SectionInfo } from '../../render/list-identity.ts';
import { rssDocumentParts } from '../../render/rss.ts';
import type { DeletedEntries } from '../../render/tombstones.ts';
import { absoluteUrl, feedPath, indexPath } from '../../render/urls.ts';
import type { Part } from '../../shared/encode-parts.ts';
import { parsePageParams } from '../http/page-query.ts';
import { serve } from '../http/serve.ts';
import { type AppContext, type AppEnv, errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

export interface ListRoute {
  readonly format: ListFormat;
  readonly family: ResponseFamily;
  readonly path: (page: number) => string;
  /** The page's text, whole or as parts (markup, and the fragments' stored bytes) that `serve` encodes without joining them. */
  readonly render: (
    site: Site,
    page: PageInfo,
    fragments: readonly Uint8Array[],
    deleted?: DeletedEntries,
  ) => string | readonly Part[];
}

/** The site's list routes by path; section routes reuse their format, family and renderer. */
export const listRoutes: Readonly<Record<string, ListRoute>> = {
  '/': { format: 'index', family: 'html', path: indexPath, render: indexDocumentParts },
  '/rss.xml': { format: 'rss', family: 'rss', path: (page) => feedPath('rss', page), render: rssDocumentParts },
  '/atom.xml': {
    format: 'atom',
    family: 'atom',
    path: (page) => feedPath('atom', page),
    render: (site, page, entries, deleted) => atomDocumentParts(site, page, entries, deleted?.atom),
  },
  '/feed.json': {
    format: 'json',
    family: 'json',
    path: (page) => feedPath('json', page),
    render: (site, page, items, deleted) => jsonFeedDocumentParts(site, page, items, deleted?.json),
  },
};

export function listPages(deps: RouteDeps): Hono<AppEnv> {
  const { manifest, storeFor } = deps;
  const app = new Hono<AppEnv>();
  for (const [path, route] of Object.entries(listRoutes)) {
    const headersOf = pageHeaders(manifest, route);
    app.get(path, (c: AppContext) => {
      // `?page=N`: malformed is 400, past the last page 404; other parameters are ignored.
      const query = parsePageParams(c.req.queries('page') ?? []);
      if (!query.ok) return errorResponse(manifest, 400);
      const { page } = query;
      if (page > manifest.pageCount) return errorResponse(manifest, 404);
      // Every list page changes with any new article, so the content version is its validator.
      const headers = headersOf(page);
      return serve(serveRequest(c, deps, route.path(page)), {
        known: headers,
        load: async () => ({
          body: await renderListPage(manifest.site, siteList(manifest, storeFor(c.env)), route, page),
          headers,
        }),
        notFound: () => errorResponse(manifest, 404),
      });
    });
  }
  return app;
}

/** Pages whose headers are kept once made (what readers poll); later pages make theirs per request. */
const keptPages = 16;

/** A route's headers by page, made on first use: a 304 then costs a lookup, not a new object. */
function pageHeaders(manifest: SiteManifest, route: ListRoute): (page: number) => Readonly<Record<string, string>> {
  const kept: Record<string, string>[] = [];
  return (page) => {
    if (page > keptPages) return listHeaders(manifest, route, page);
    let headers = kept[page];
    if (headers === undefined) {
      headers = listHeaders(manifest, route, page);
      kept[page] = headers;
    }
    return headers;
  };
}

function listHeaders(manifest: SiteManifest, route: ListRoute, page: number): Record<string, string> {
  const hub =
    route.family === 'html' ? undefined : websubLinkHeader(manifest.site, absoluteUrl(manifest.site, route.path(page)));
  return {
    ...manifest.headers[route.family],
    ETag: versionEtag(manifest.version, route.format, page),
    'Last-Modified': manifest.lastModified,
    ...(hub ? { Link: hub } : {}),
  };
}

/** A newest-first list in storage: the site's whole archive, or one section. */
export interface StoredList {
  readonly articleCount: number;
  readonly archiveUpdated?: ArticleDate;
  readonly section?: SectionInfo;
  /** Tombstones of the list's recent retractions, for its page 1. */
  readonly deleted?: DeletedEntries;
  /** Fragments `from` to `to` (exclusive) in `format` of chunk `chunk` (publication order, `pageSize` articles each), as their stored UTF-8 bytes. */
  readonly chunk: (format: ListFormat, chunk: number, from: number, to: number) => Promise<readonly Uint8Array[]>;
}

/** The site's archive: one file per format and chunk. */
function siteList(manifest: SiteManifest, store: SiteStore): StoredList {
  const { articleCount, archiveUpdated, deleted } = manifest;
  return {
    articleCount,
    ...(archiveUpdated ? { archiveUpdated } : {}),
    ...(deleted ? { deleted } : {}),
    chunk: async (format, chunk, from, to) => {
      const path = listChunkPath(format, chunk);
      const { count, records } = decodeSelectedBytes(
        await readExistingBytes(store, path),
        path,
        isListEntry,
        (_, position) => position >= from && position < to,
      );
      // Every chunk but the newest holds exactly pageSize entries: fewer is a fault, never a short page.
      const expected = Math.min(manifest.site.pageSize, articleCount - chunk * manifest.site.pageSize);
      if (count !== expected) throw new StoredFileError(path, `holds ${count} entries, the manifest says ${expected}`);
      return records.map((record) => record.bytes);
    },
  };
}

/** Pages of a list of `articleCount` articles (at least 1). */
export function pageCountOf(articleCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(articleCount / pageSize));
}

/** Reads the one or two chunks that hold the page and joins their fragments, newest first. */
export async function renderListPage(
  site: Site,
  list: StoredList,
  route: ListRoute,
  page: number,
): Promise<string | readonly Part[]> {
  const { articleCount, archiveUpdated, section } = list;
  const span = pageSpan(articleCount, site.pageSize, page);
  const fragments: Uint8Array[] = [];
  for (let chunk = span.firstChunk; span.to > span.from && chunk <= span.lastChunk; chunk++) {
    const offset = chunk * site.pageSize;
    fragments.push(...(await list.chunk(route.format, chunk, Math.max(0, span.from - offset), span.to - offset)));
  }
  fragments.reverse();
  const pageCount = pageCountOf(articleCount, site.pageSize);
  const info: PageInfo = {
    page,
    pageCount,
    ...(archiveUpdated ? { archiveUpdated } : {}),
    ...(section ? { section } : {}),
  };
  // Tombstones (RFC 6721) of recent retractions go on page 1 only: it is what subscribers poll.
  return route.render(site, info, fragments, page === 1 ? list.deleted : undefined);
}
