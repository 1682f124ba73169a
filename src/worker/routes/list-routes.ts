/** `/`, `/rss.xml`, `/atom.xml`, `/feed.json`: one newest-first page of the site's list, joined from stored fragments. */
import { Hono } from 'hono';
import { listId, type ResponseFamily, type StoredList } from '../../archive/root.ts';
import { versionEtag } from '../../model/response-kinds.ts';
import type { Site } from '../../model/site.ts';
import { atomDocumentParts } from '../../render/atom.ts';
import type { PageInfo } from '../../render/feed-page.ts';
import { websubLinkHeader } from '../../render/headers/websub-links.ts';
import { indexDocumentParts } from '../../render/index-page.ts';
import { jsonFeedDocumentParts } from '../../render/json-feed.ts';
import { rssDocumentParts } from '../../render/rss.ts';
import type { DeletedEntries } from '../../render/tombstones.ts';
import type { ListFormat } from '../../render/urls.ts';
import { absoluteUrl, feedPath, indexPath } from '../../render/urls.ts';
import type { Part } from '../../shared/encode-parts.ts';
import { readListPage } from '../archive/list-reader.ts';
import type { Version } from '../archive/version.ts';
import { parsePageParams } from '../http/page-query.ts';
import { capForRelease } from '../http/release-cap.ts';
import { serve } from '../http/serve.ts';
import {
  type AppContext,
  type AppEnv,
  errorResponse,
  type RouteDeps,
  serveRequest,
  withVersion,
} from './route-context.ts';

export interface ListRoute {
  readonly format: ListFormat;
  readonly family: ResponseFamily;
  /** The site's own path of page `page` (sections spell theirs in section-routes.ts). */
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
  const app = new Hono<AppEnv>();
  for (const [path, route] of Object.entries(listRoutes))
    app.get(path, (c) => withVersion(c, deps, (version) => servePage(c, deps, version, listId(), route, route.path)));
  return app;
}

/** Pages of a list of `count` articles (at least 1). */
export function pageCountOf(count: number, pageSize: number): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/**
 * One page of the list `id` as the release state of this instant shows it: 400 for a malformed `?page`, 404 past
 * the last page or for a list the state does not have; else its known validators, then storage.
 */
export function servePage(
  c: AppContext,
  deps: RouteDeps,
  version: Version,
  id: string,
  route: ListRoute,
  pathOf: (page: number) => string,
): Response | Promise<Response> {
  const query = parsePageParams(c.req.queries('page') ?? []);
  if (!query.ok) return errorResponse(version, 400);
  const { page } = query;
  const { site } = version.root;
  const now = deps.now();
  const state = version.state(now);
  const list = state.lists.get(id);
  if (list === undefined || page > pageCountOf(list.count, site.pageSize)) return errorResponse(version, 404);
  const listVersion = version.listVersion(list);
  const known = listHeaders(version, list, route, page, pathOf(page));
  const current = capForRelease(
    known,
    site.cache[route.family === 'html' ? 'pages' : 'feeds'],
    state.nextChange(id),
    now,
  );
  return serve(serveRequest(c, deps, version, pathOf(page), listVersion), {
    known: current,
    ...(current === known ? {} : { current }),
    load: async () => ({ body: await renderPage(c, deps, version, list, route, page), headers: known }),
    notFound: () => errorResponse(version, 404),
  });
}

/** Header sets kept per list and page (what readers poll), so a 304 costs a lookup, not a new object. */
const keptHeaders = new WeakMap<StoredList, Map<string, Readonly<Record<string, string>>>>();

/** Pages whose headers are kept once made; later pages make theirs per request. */
const keptPages = 16;

function listHeaders(
  version: Version,
  list: StoredList,
  route: ListRoute,
  page: number,
  path: string,
): Readonly<Record<string, string>> {
  const key = `${version.codeVersion} ${route.format} ${page}`;
  let kept = keptHeaders.get(list);
  const made = kept?.get(key);
  if (made) return made;
  const { site } = version.root;
  // WebSub §4: a feed names the hub and itself in HTTP too.
  const hub = route.family === 'html' ? undefined : websubLinkHeader(site, absoluteUrl(site, path));
  const headers = {
    ...version.root.headers[route.family],
    ETag: versionEtag(version.listVersion(list), route.format, page),
    'Last-Modified': list.lastModified,
    ...(hub ? { Link: hub } : {}),
  };
  if (page <= keptPages) {
    if (kept === undefined) {
      kept = new Map();
      keptHeaders.set(list, kept);
    }
    kept.set(key, headers);
  }
  return headers;
}

async function renderPage(
  c: AppContext,
  deps: RouteDeps,
  version: Version,
  list: StoredList,
  route: ListRoute,
  page: number,
): Promise<string | readonly Part[]> {
  const { site } = version.root;
  const fragments = await readListPage(deps.sourceFor(c.env), list, route.format, page, site.pageSize);
  const info: PageInfo = {
    page,
    pageCount: pageCountOf(list.count, site.pageSize),
    ...(list.updated ? { archiveUpdated: list.updated } : {}),
    ...(list.section ? { section: list.section } : {}),
  };
  // Tombstones (RFC 6721) of recent retractions go on page 1 only: it is what subscribers poll.
  return route.render(site, info, fragments, page === 1 ? list.deleted : undefined);
}
