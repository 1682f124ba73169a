/** `/search?q=` (HTML) and `/search.json?q=` (JSON Feed 1.1): the archive's released articles ranked by the D1 index. */
import { Hono } from 'hono';
import { blockPieces, offsetInBlock } from '../../archive/block.ts';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import { listId } from '../../archive/root.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { isListEntry } from '../../archive/stored-shapes.ts';
import { kindHeaders, responseKinds, versionEtag } from '../../model/response-kinds.ts';
import { renderSearchFeed } from '../../render/search-feed.ts';
import { renderSearchPage, type SearchView } from '../../render/search-page.ts';
import { searchResultsPath } from '../../render/urls.ts';
import { shortHash } from '../../shared/short-hash.ts';
import { readPieceBytes } from '../archive/live-archive.ts';
import type { Version } from '../archive/version.ts';
import { parsePageParams } from '../http/page-query.ts';
import { capForRelease } from '../http/release-cap.ts';
import { serve } from '../http/serve.ts';
import { parseSearchQuery, type SearchQuery } from '../search/query.ts';
import { type SearchPage, searchArticles } from '../search/search-index.ts';
import {
  type AppContext,
  type AppEnv,
  errorResponse,
  type RouteDeps,
  serveRequest,
  withVersion,
} from './route-context.ts';

type Format = 'html' | 'json';

/** The search index could not answer (D1 unavailable or not set up): a 503, like any storage fault. */
export class SearchUnavailable extends StoredFileError {
  constructor(reason: string) {
    super('search index (D1 binding SEARCH)', reason);
  }
}

export function searchPages(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/search', (c) => withVersion(c, deps, (version) => serveSearch(c, deps, version, 'html')));
  app.get('/search.json', (c) => withVersion(c, deps, (version) => serveSearch(c, deps, version, 'json')));
  return app;
}

function serveSearch(c: AppContext, deps: RouteDeps, version: Version, format: Format): Response | Promise<Response> {
  const { site } = version.root;
  // URLSearchParams decodes a malformed or non-UTF-8 escape as U+FFFD: any query is text, never an error.
  const params = new URL(c.req.url).searchParams;
  const query = parseSearchQuery(params.get('q') ?? undefined);
  const paging = parsePageParams(params.getAll('page'));
  if (!paging.ok) return errorResponse(version, 400);
  const kind = format === 'html' ? responseKinds.search : responseKinds.searchFeed;
  if (query.kind === 'too-long') return tooLong(version, format);
  const now = deps.now();
  const state = version.state(now);
  // Results change exactly when the released articles do, as the site's list does (its identity covers every
  // released article's text, tags and source): a publish that only schedules copy moves no search ETag.
  const searched = query.kind === 'query' ? query.text : '';
  const released = state.lists.get(listId())?.identity ?? 'empty';
  const resultsVersion = shortHash(`${released} ${version.codeVersion} ${format} ${searched}`);
  const known = {
    // HTML: the type, lifetimes and CSP every page has; JSON: the feeds' lifetimes and CORS.
    ...(format === 'html' ? version.root.headers.html : kindHeaders(kind, site)),
    ETag: versionEtag(resultsVersion, 'search', paging.page),
    'Last-Modified': state.lists.get(listId())?.lastModified ?? 'Thu, 01 Jan 1970 00:00:00 GMT',
  };
  const current = capForRelease(
    known,
    site.cache[kind.cache === 'feeds' ? 'feeds' : 'pages'],
    state.nextListChange,
    now,
  );
  const path =
    query.kind === 'query'
      ? searchResultsPath(query.text, format, paging.page)
      : `/search${format === 'json' ? '.json' : ''}`;
  return serve(serveRequest(c, deps, version, path, resultsVersion), {
    known: current,
    ...(current === known ? {} : { current }),
    load: async () => {
      const body = await render(c, deps, version, format, query, paging.page, now);
      return body === undefined ? undefined : { body, headers: known };
    },
    notFound: () => errorResponse(version, 404),
  });
}

/** The page's text; undefined past the last page of results. */
async function render(
  c: AppContext,
  deps: RouteDeps,
  version: Version,
  format: Format,
  query: SearchQuery,
  page: number,
  now: number,
): Promise<string | undefined> {
  const { site } = version.root;
  if (query.kind !== 'query') {
    if (page > 1) return undefined;
    return format === 'html'
      ? renderSearchPage(site, { kind: 'form' })
      : renderSearchFeed(site, { query: '', page: 1, pageCount: 1, total: 0, items: [] });
  }
  const found = await search(c.env, query, { now, page, pageSize: site.pageSize });
  const pageCount = Math.max(1, Math.ceil(found.total / site.pageSize));
  if (page > pageCount) return undefined;
  if (format === 'html') {
    const view: SearchView = {
      kind: 'results',
      query: query.text,
      page,
      pageCount,
      total: found.total,
      hits: found.results,
    };
    return renderSearchPage(site, view);
  }
  const source = deps.sourceFor(c.env);
  const items = await Promise.all(
    found.results.map(async (result) => {
      const item = await storedFeedItem(version, source, result.slug, now);
      return item && { item, snippet: result.snippet };
    }),
  );
  return renderSearchFeed(site, {
    query: query.text,
    page,
    pageCount,
    total: found.total,
    items: items.filter((item) => item !== undefined),
  });
}

async function search(
  env: Env,
  query: Extract<SearchQuery, { kind: 'query' }>,
  options: Parameters<typeof searchArticles>[2],
): Promise<SearchPage> {
  if (env.SEARCH === undefined) throw new SearchUnavailable('is not bound');
  try {
    return await searchArticles(env.SEARCH, query, options);
  } catch (error) {
    throw new SearchUnavailable(`did not answer (${String(error)})`);
  }
}

/** The article's JSON Feed item as /feed.json serves it; undefined when the live version does not show it (yet). */
async function storedFeedItem(
  version: Version,
  source: ReturnType<RouteDeps['sourceFor']>,
  slug: string,
  now: number,
): Promise<Record<string, unknown> | undefined> {
  const entry = await version.article(source, slug);
  if (entry === undefined || entry[1] > now) return undefined;
  const index = blockPieces.indexOf('json');
  const ref = { o: entry[3], at: entry[4] + offsetInBlock(entry[5], index), n: entry[5][index] ?? 0, h: '' };
  const [record] = (await decodePiece(await readPieceBytes(source, ref), pieceLabel(ref), isListEntry)).records;
  try {
    return JSON.parse(new TextDecoder().decode(record?.bytes)) as Record<string, unknown>;
  } catch {
    throw new StoredFileError(pieceLabel(ref), 'is not a JSON Feed item');
  }
}

/** A query over the limit: a 400 that says so, in the format asked for, never cached. */
function tooLong(version: Version, format: Format): Response {
  const { site } = version.root;
  if (format === 'json')
    return new Response(`${JSON.stringify({ error: 'a search is at most 200 characters' })}\n`, {
      status: 400,
      headers: { ...kindHeaders(responseKinds.searchFeed, site), 'Cache-Control': 'no-store' },
    });
  return new Response(renderSearchPage(site, { kind: 'too-long', query: '' }), {
    status: 400,
    headers: { ...version.root.headers.html, 'Cache-Control': 'no-store' },
  });
}
