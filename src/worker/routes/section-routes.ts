/** `/tags/`, `/sources/`, and each section's HTML index and three feeds: the site's list routes over one section. */
import { Hono } from 'hono';
import { listId } from '../../archive/root.ts';
import { versionEtag } from '../../model/response-kinds.ts';
import { tagKey } from '../../model/tag-key.ts';
import { sitePath } from '../../render/layout.ts';
import { renderSectionDirectory, type SectionSummary } from '../../render/section-pages.ts';
import {
  type SectionKind,
  sectionDirectoryPath,
  sectionFeedPath,
  sectionKinds,
  sectionPagePath,
} from '../../render/section-urls.ts';
import { shortHash } from '../../shared/short-hash.ts';
import type { StateView, Version } from '../archive/version.ts';
import { parsePageParams } from '../http/page-query.ts';
import { capForRelease } from '../http/release-cap.ts';
import { serve } from '../http/serve.ts';
import { type ListRoute, listRoutes, servePage } from './list-routes.ts';
import {
  type AppContext,
  type AppEnv,
  errorResponse,
  type RouteDeps,
  serveRequest,
  withVersion,
} from './route-context.ts';

/** Each section path's suffix and the site list route whose format, headers and renderer it shares. */
const sectionRoutes: readonly (readonly [suffix: string, route: ListRoute | undefined])[] = [
  ['', listRoutes['/']],
  ['/rss.xml', listRoutes['/rss.xml']],
  ['/atom.xml', listRoutes['/atom.xml']],
  ['/feed.json', listRoutes['/feed.json']],
];

export function sectionPages(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const kind of sectionKinds) {
    const directory = sectionDirectoryPath(kind);
    app.get(directory.slice(0, -1), (c) =>
      withVersion(c, deps, (version) => c.redirect(sitePath(version.root.site, directory), 301)),
    );
    app.get(directory, (c) => withVersion(c, deps, (version) => serveDirectory(c, deps, version, kind)));
    for (const [suffix, route] of sectionRoutes) {
      if (route)
        app.get(`${directory}:key${suffix}`, (c) =>
          withVersion(c, deps, (version) => sectionPage(c, deps, version, kind, route)),
        );
    }
  }
  return app;
}

/** One page of one section, or a 301 to the section's one spelling. */
function sectionPage(
  c: AppContext,
  deps: RouteDeps,
  version: Version,
  kind: SectionKind,
  route: ListRoute,
): Response | Promise<Response> {
  // Hono hands the segment percent-decoded (the request guard already refused malformed encoding).
  const raw = c.req.param('key') ?? '';
  const key = tagKey(raw);
  const pathOf = (page: number) =>
    route.format === 'index' ? sectionPagePath(kind, key, page) : sectionFeedPath(kind, key, route.format, page);
  // `/tags/Économie` is `/tags/économie`: one section, one URL (RFC 9110 §15.4.2).
  if (key !== raw) {
    const query = parsePageParams(c.req.queries('page') ?? []);
    if (!query.ok) return errorResponse(version, 400);
    return c.redirect(sitePath(version.root.site, pathOf(query.page)), 301);
  }
  if (key === '') return errorResponse(version, 404);
  return servePage(c, deps, version, listId({ kind, key }), route, pathOf);
}

/** `/tags/` or `/sources/`: every section of the kind with its count, drawn from the release state of this instant. */
function serveDirectory(
  c: AppContext,
  deps: RouteDeps,
  version: Version,
  kind: SectionKind,
): Response | Promise<Response> {
  const { site } = version.root;
  const now = deps.now();
  const state = version.state(now);
  const directoryVersion = `${directoryIdentity(state, kind)}${version.codeVersion}`;
  const known = {
    ...version.root.headers.html,
    ETag: versionEtag(directoryVersion, kind, 'directory'),
    'Last-Modified': state.lists.get(listId())?.lastModified ?? 'Thu, 01 Jan 1970 00:00:00 GMT',
  };
  const current = capForRelease(known, site.cache.pages, state.nextListChange, now);
  const path = sectionDirectoryPath(kind);
  return serve(serveRequest(c, deps, version, path, directoryVersion), {
    known: current,
    ...(current === known ? {} : { current }),
    load: async () => ({ body: renderSectionDirectory(site, kind, summaries(state, kind)), headers: known }),
    notFound: () => errorResponse(version, 404),
  });
}

/** The kind's sections in key order, as the directory lists them. */
function summaries(state: StateView, kind: SectionKind): SectionSummary[] {
  const found: SectionSummary[] = [];
  for (const list of state.lists.values())
    if (list.section?.kind === kind) found.push({ ...list.section, ...(list.newest ? { updated: list.newest } : {}) });
  return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const identities = new WeakMap<StateView, Map<SectionKind, string>>();

/** A hash of the kind's lists' identities: the directory changes exactly when one of them does. */
function directoryIdentity(state: StateView, kind: SectionKind): string {
  let kinds = identities.get(state);
  if (kinds === undefined) {
    kinds = new Map();
    identities.set(state, kinds);
  }
  let identity = kinds.get(kind);
  if (identity === undefined) {
    const parts: string[] = [];
    for (const [id, list] of state.lists) if (list.section?.kind === kind) parts.push(`${id} ${list.identity}`);
    identity = shortHash(parts.sort().join('\n'));
    kinds.set(kind, identity);
  }
  return identity;
}
