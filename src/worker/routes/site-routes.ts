/** `/sitemap.xml` (one sitemap, or an index of parts), `/sitemaps/N.xml`, `/news-sitemap.xml`, `/robots.txt`. */
import { Hono } from 'hono';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import { listId, type PieceRef, type StoredSitemaps } from '../../archive/root.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { isListEntry } from '../../archive/stored-shapes.ts';
import { versionEtag } from '../../model/response-kinds.ts';
import { renderSitemapIndex } from '../../render/sitemap.ts';
import { sitemapPartPath } from '../../render/urls.ts';
import { shortHash } from '../../shared/short-hash.ts';
import { readPieceBytes } from '../archive/live-archive.ts';
import type { Version } from '../archive/version.ts';
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

export function siteFiles(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/sitemap.xml', (c) =>
    withVersion(c, deps, (version) =>
      serveSitemap(c, deps, version, '/sitemap.xml', 'sitemap', (maps) =>
        maps.parts.length === 1
          ? readXml(c, deps, maps.parts[0] as PieceRef)
          : Promise.resolve(renderSitemapIndex(version.root.site, maps.updated)),
      ),
    ),
  );

  app.get('/sitemaps/:file', (c) =>
    withVersion(c, deps, (version) => {
      const part = Number(/^([1-9][0-9]{0,5})\.xml$/.exec(c.req.param('file'))?.[1] ?? 0);
      const { parts } = version.state(deps.now()).sitemaps;
      const ref = parts[part - 1];
      if (parts.length === 1 || ref === undefined) return errorResponse(version, 404);
      return serveSitemap(c, deps, version, sitemapPartPath(part), `sitemap-${part}`, () => readXml(c, deps, ref));
    }),
  );

  app.get('/news-sitemap.xml', (c) =>
    withVersion(c, deps, (version) =>
      serveSitemap(c, deps, version, '/news-sitemap.xml', 'news-sitemap', (maps) => readXml(c, deps, maps.news)),
    ),
  );

  app.get('/robots.txt', (c) =>
    withVersion(c, deps, (version) =>
      serve(serveRequest(c, deps, version, '/robots.txt', version.codeVersion), {
        known: version.root.robots.headers,
        load: async () => version.root.robots,
        notFound: () => errorResponse(version, 404),
      }),
    ),
  );
  return app;
}

/** A sitemap of the release state of this instant: validators from the sitemaps' pieces, lifetimes capped by the next release. */
function serveSitemap(
  c: AppContext,
  deps: RouteDeps,
  version: Version,
  path: string,
  name: string,
  body: (maps: StoredSitemaps) => Promise<string>,
): Response | Promise<Response> {
  const now = deps.now();
  const state = version.state(now);
  const maps = state.sitemaps;
  const mapsVersion = `${sitemapsIdentity(maps)}${version.codeVersion}`;
  const known = {
    ...version.root.headers.sitemap,
    ETag: versionEtag(mapsVersion, name),
    'Last-Modified': state.lists.get(listId())?.lastModified ?? 'Thu, 01 Jan 1970 00:00:00 GMT',
  };
  const current = capForRelease(known, version.root.site.cache.other, state.nextSitemapChange, now);
  return serve(serveRequest(c, deps, version, path, mapsVersion), {
    known: current,
    ...(current === known ? {} : { current }),
    load: async () => ({ body: await body(maps), headers: known }),
    notFound: () => errorResponse(version, 404),
  });
}

const identities = new WeakMap<StoredSitemaps, string>();

/** A hash of every sitemap's content hash: each sitemap's validator changes exactly when one of them does. */
function sitemapsIdentity(maps: StoredSitemaps): string {
  let identity = identities.get(maps);
  if (identity === undefined) {
    identity = shortHash([...maps.parts.map((ref) => ref.h), maps.news.h, ...maps.updated].join(' '));
    identities.set(maps, identity);
  }
  return identity;
}

/** A stored XML document: missing, damaged or not XML is a storage fault (503). */
async function readXml(c: AppContext, deps: RouteDeps, ref: PieceRef): Promise<string> {
  const { records } = await decodePiece(await readPieceBytes(deps.sourceFor(c.env), ref), pieceLabel(ref), isListEntry);
  const text = new TextDecoder().decode(records[0]?.bytes);
  if (!text.startsWith('<?xml') || !text.trimEnd().endsWith('>'))
    throw new StoredFileError(pieceLabel(ref), 'is not XML');
  return text;
}
