/**
 * `/articles/<slug><suffix>`: an article in each of its formats (model/article-formats.ts), one route for all.
 * The slug's shard says where the article's block lies; the format's piece holds the body and every header.
 * An article not yet released answers the same 404 as a slug that never existed.
 */
import { Hono } from 'hono';
import { blockPieces, offsetInBlock } from '../../archive/block.ts';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import type { ShardEntry } from '../../archive/shard.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { isPackedArticle } from '../../archive/stored-shapes.ts';
import {
  type ArticleFormat,
  articleFormatNames,
  articleFormatPath,
  parseArticleName,
} from '../../model/article-formats.ts';
import { readPieceBytes } from '../archive/live-archive.ts';
import type { Version } from '../archive/version.ts';
import { type Loaded, serve } from '../http/serve.ts';
import {
  type AppContext,
  type AppEnv,
  errorResponse,
  type RouteDeps,
  serveRequest,
  withVersion,
} from './route-context.ts';

export function articlePages(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/articles/:name', (c) => withVersion(c, deps, (version) => serveArticle(c, deps, version)));
  return app;
}

async function serveArticle(c: AppContext, deps: RouteDeps, version: Version): Promise<Response> {
  const asked = parseArticleName(c.req.param('name') ?? '');
  if (asked === undefined) return errorResponse(version, 404);
  const source = deps.sourceFor(c.env);
  const entry = await version.article(source, asked.slug);
  // Not yet released: exactly what a slug that never existed answers (SPEC "Scheduled release and embargo").
  if (entry === undefined || entry[1] > deps.now()) return errorResponse(version, 404);
  const formatIndex = articleFormatNames.indexOf(asked.format);
  // Keyed by the piece's ETag: an unchanged article keeps its cache entries across publishes.
  const cacheVersion = `${(entry[6][formatIndex] ?? '').replaceAll('"', '')}${version.codeVersion}`;
  return serve(serveRequest(c, deps, version, articleFormatPath(asked.format, asked.slug), cacheVersion), {
    load: () => loadArticle(deps, c.env, entry, asked.format),
    notFound: () => errorResponse(version, 404),
  });
}

/** The format's piece of the article's block: its body as stored bytes, its headers, its status. */
export async function loadArticle(
  deps: RouteDeps,
  env: Env,
  entry: ShardEntry,
  format: ArticleFormat,
): Promise<Loaded> {
  const [slug, , , object, offset, lengths] = entry;
  const index = blockPieces.indexOf(format);
  const ref = { o: object, at: offset + offsetInBlock(lengths, index), n: lengths[index] ?? 0, h: '' };
  const { records } = await decodePiece(
    await readPieceBytes(deps.sourceFor(env), ref),
    pieceLabel(ref),
    isPackedArticle,
  );
  const [record] = records;
  if (record === undefined || record.meta[0] !== slug)
    throw new StoredFileError(pieceLabel(ref), `does not hold ${slug}`);
  const status = record.meta[2];
  return { body: [record.bytes], headers: record.meta[1], ...(status ? { status } : {}) };
}
