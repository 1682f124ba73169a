/** `/tags/`, `/sources/`, and each section's HTML index and three feeds: the site's list routes over one section. */
import { Hono } from 'hono';
import { sectionChunkBytes } from '../../archive/chunk-file.ts';
import {
  chunkFormats,
  type SectionHead,
  sectionChunkPath,
  sectionDirectoryFile,
  sectionHeadPath,
} from '../../archive/section-layout.ts';
import type { SiteStore } from '../../archive/site-store.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { readExistingBytes } from '../../archive/stored-shapes.ts';
import { versionEtag } from '../../model/response-kinds.ts';
import { keyHash } from '../../model/source-key.ts';
import { tagKey } from '../../model/tag-key.ts';
import { websubLinkHeader } from '../../render/headers/websub-links.ts';
import { sitePath } from '../../render/layout.ts';
import {
  type SectionKind,
  sectionDirectoryPath,
  sectionFeedPath,
  sectionKinds,
  sectionPagePath,
} from '../../render/section-urls.ts';
import { absoluteUrl } from '../../render/urls.ts';
import { parsePageParams } from '../http/page-query.ts';
import { serve } from '../http/serve.ts';
import { type ListRoute, listRoutes, pageCountOf, renderListPage, type StoredList } from './list-routes.ts';
import { type AppContext, type AppEnv, errorResponse, type RouteDeps, serveRequest } from './route-context.ts';

/** Each section path's suffix and the site list route whose format, headers and renderer it shares. */
const sectionRoutes: readonly (readonly [suffix: string, route: ListRoute | undefined])[] = [
  ['', listRoutes['/']],
  ['/rss.xml', listRoutes['/rss.xml']],
  ['/atom.xml', listRoutes['/atom.xml']],
  ['/feed.json', listRoutes['/feed.json']],
];

export function sectionPages(deps: RouteDeps): Hono<AppEnv> {
  const { manifest, storeFor } = deps;
  const app = new Hono<AppEnv>();
  const notFound = () => errorResponse(manifest, 404);
  for (const kind of sectionKinds) {
    const directory = sectionDirectoryPath(kind);
    app.get(directory.slice(0, -1), (c) => c.redirect(sitePath(manifest.site, directory), 301));
    // The directory changes with any new article, so the content version is its validator, as for lists.
    const known = {
      ...manifest.headers.html,
      ETag: versionEtag(manifest.version, kind, 'directory'),
      'Last-Modified': manifest.lastModified,
    };
    app.get(directory, (c) => {
      return serve(serveRequest(c, deps, directory), {
        known,
        load: async () => {
          const body = await storeFor(c.env).read(sectionDirectoryFile(kind));
          return body === undefined ? undefined : { body, headers: known };
        },
        notFound,
      });
    });
    for (const [suffix, route] of sectionRoutes) {
      if (route) app.get(`${directory}:key${suffix}`, (c) => sectionPage(c, deps, kind, route));
    }
  }
  return app;
}

/** One page of one section: its head (count, name, dates), then the one or two chunks that hold the page. */
function sectionPage(
  c: AppContext,
  deps: RouteDeps,
  kind: SectionKind,
  route: ListRoute,
): Response | Promise<Response> {
  const { manifest, storeFor } = deps;
  const { site } = manifest;
  const query = parsePageParams(c.req.queries('page') ?? []);
  if (!query.ok) return errorResponse(manifest, 400);
  const { page } = query;
  // Hono hands the segment percent-decoded (the request guard already refused malformed encoding).
  const raw = c.req.param('key') ?? '';
  const key = tagKey(raw);
  const path =
    route.format === 'index' ? sectionPagePath(kind, key, page) : sectionFeedPath(kind, key, route.format, page);
  // `/tags/Économie` is `/tags/économie`: one section, one URL (RFC 9110 §15.4.2).
  if (key !== raw) return c.redirect(sitePath(site, path), 301);
  return serve(serveRequest(c, deps, path), {
    load: async () => {
      const store = storeFor(c.env);
      const headText = key === '' ? undefined : await store.read(sectionHeadPath(kind, key));
      if (headText === undefined) return undefined;
      const head = parseStored(sectionHeadPath(kind, key), () => JSON.parse(headText) as SectionHead);
      // Stored names are hashes: the head says which key it really holds.
      if (head.section.key !== key || page > pageCountOf(head.section.count, site.pageSize)) return undefined;
      // WebSub §4: a section feed names the hub and itself, as the site's feeds do.
      const hub = route.family === 'html' ? undefined : websubLinkHeader(site, absoluteUrl(site, path));
      const headers = {
        ...manifest.headers[route.family],
        ETag: versionEtag(manifest.version, kind, keyHash(key), route.format, page),
        'Last-Modified': head.lastModified,
        ...(hub ? { Link: hub } : {}),
      };
      return { body: await renderListPage(site, sectionList(store, head), route, page), headers };
    },
    notFound: () => errorResponse(manifest, 404),
  });
}

/** A section's chunks: each holds every format, an article's fragments in `chunkFormats` order. */
function sectionList(store: SiteStore, head: SectionHead): StoredList {
  const { kind, key, count } = head.section;
  return {
    articleCount: count,
    ...(head.updated ? { archiveUpdated: head.updated } : {}),
    ...(head.deleted ? { deleted: head.deleted } : {}),
    section: head.section,
    chunk: async (format, chunk, from, to) => {
      const path = sectionChunkPath(kind, key, chunk);
      const bytes = await readExistingBytes(store, path);
      return parseStored(path, () => sectionChunkBytes(bytes, chunkFormats.indexOf(format), from, to));
    },
  };
}

/** A stored file the head or manifest says exists but that does not decode is a storage fault (503), not a 500. */
function parseStored<T>(path: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new StoredFileError(path, `does not decode: ${(error as Error).message}`);
  }
}
