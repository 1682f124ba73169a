/**
 * The partner API (docs/partners.md): `GET /api/v1/changes` (public, or a partner's sections with a key) and
 * `GET /api/v1/articles/:slug[.newsml.xml]` (a partner's ninjs or NewsML-G2, embargoed copy early when entitled).
 * Every answer that depends on a key is `private, no-store`, varies by Authorization, and never enters the edge
 * cache or the isolate's memory; each partner request is logged as one line, never with its key.
 */
import { type Context, Hono } from 'hono';
import { blockPieces, offsetInBlock } from '../../archive/block.ts';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { isPackedArticle } from '../../archive/stored-shapes.ts';
import { articleFormatPath, parseArticleName } from '../../model/article-formats.ts';
import { inPartnerSections, type Partner } from '../../model/partner.ts';
import { withEmbargoed } from '../../render/newsml.ts';
import { withEmbargoedUntil } from '../../render/ninjs.ts';
import { absoluteUrl } from '../../render/urls.ts';
import { readPieceBytes } from '../archive/live-archive.ts';
import type { Version } from '../archive/version.ts';
import { authenticatePartner, callerOf, partnerHeaders, unauthorizedResponse } from '../partners/bearer.ts';
import { type ChangeItem, parseLimit, readChanges } from '../partners/changes.ts';
import { limitPartner } from '../partners/rate-limit.ts';
import { logPartnerRequest } from '../partners/request-log.ts';
import type { AppEnv, RouteDeps } from './route-context.ts';

/** The route a partner reads an article at: `/api/v1/articles/<slug><suffix>`. */
export function partnerArticlePath(slug: string, suffix = ''): string {
  return `/api/v1/articles/${slug}${suffix}`;
}

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...partnerHeaders(),
      ...extra,
    },
  });
}

/** The one 404 of the partner API: a slug that is not there and one the key may not see answer the same bytes. */
const notFound = () => json(404, { error: 'not found' });

export function partnerApi(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/api/v1/changes', async (c) => {
    const version = await deps.archive.version(deps.sourceFor(c.env));
    const partners = await version.partners(deps.sourceFor(c.env));
    const caller = await callerOf(c.req.header('Authorization'), partners);
    const partner = caller?.kind === 'partner' ? caller.partner : undefined;
    const answer = async (): Promise<{ response: Response; items: number }> => {
      if (caller === undefined) return { response: unauthorizedResponse(), items: 0 };
      if (partner) {
        const limited = await limitPartner(c.env, partner.id);
        if (limited) return { response: limited, items: 0 };
      }
      const query = new URL(c.req.url).searchParams;
      const limit = parseLimit(query.get('limit') ?? undefined);
      if (!limit.ok) return { response: json(400, { error: limit.reason }), items: 0 };
      const since = query.get('since');
      const now = deps.now();
      const source = deps.sourceFor(c.env);
      const read = await readChanges(version.changeLog(source), partner ?? 'public', {
        ...(since !== null ? { cursor: since } : {}),
        limit: limit.limit,
        liveSeq: version.sequence,
        now,
      });
      if (!read.ok) return { response: json(400, { error: read.reason }), items: 0 };
      const changes = await visibleItems(version, source, read.changes, partner, now);
      return { response: json(200, { changes, next: read.next }), items: changes.length };
    };
    const { response, items } = await answer();
    if (caller?.kind !== 'public' || response.status === 401)
      logPartnerRequest({ partner: partner?.id ?? null, route: '/api/v1/changes', items, status: response.status });
    return response;
  });

  app.get('/api/v1/articles/:name', async (c) => {
    const version = await deps.archive.version(deps.sourceFor(c.env));
    const partner = await authenticatePartner(
      c.req.header('Authorization'),
      await version.partners(deps.sourceFor(c.env)),
    );
    const { response, items } = await partnerArticle(c, deps, version, partner);
    logPartnerRequest({
      partner: partner?.id ?? null,
      route: '/api/v1/articles/:slug',
      items,
      status: response.status,
    });
    return response;
  });
  return app;
}

/** The article in the format asked for, as the partner may see it now; the one 404 for anything else. */
async function partnerArticle(
  c: Context<AppEnv>,
  deps: RouteDeps,
  version: Version,
  partner: Partner | undefined,
): Promise<{ response: Response; items: number }> {
  if (partner === undefined) return { response: unauthorizedResponse(), items: 0 };
  const limited = await limitPartner(c.env, partner.id);
  if (limited) return { response: limited, items: 0 };
  const parsed = parseArticleName(c.req.param('name') ?? '');
  if (parsed === undefined) return { response: notFound(), items: 0 };
  // A partner reads copy, not pages: the bare slug is its ninjs; `.newsml.xml` (and `.ninjs.json`) as named.
  const asked = { slug: parsed.slug, format: parsed.format === 'page' ? ('ninjs' as const) : parsed.format };
  const source = deps.sourceFor(c.env);
  const entry = await version.article(source, asked.slug);
  const now = deps.now();
  const [, release, sections, object, offset, lengths] = entry ?? [];
  if (entry === undefined || !inPartnerSections(partner, sections ?? [])) return { response: notFound(), items: 0 };
  const early = (release ?? 0) > now;
  if (early && !partner.embargoed) return { response: notFound(), items: 0 };
  const index = blockPieces.indexOf(asked.format);
  const ref = {
    o: object as string,
    at: (offset ?? 0) + offsetInBlock(lengths ?? [], index),
    n: lengths?.[index] ?? 0,
    h: '',
  };
  const [record] = (await decodePiece(await readPieceBytes(source, ref), pieceLabel(ref), isPackedArticle)).records;
  if (record === undefined || record.meta[0] !== asked.slug)
    throw new StoredFileError(pieceLabel(ref), `does not hold ${asked.slug}`);
  const stored = new TextDecoder().decode(record.bytes);
  const until = new Date(release ?? 0).toISOString();
  const body = !early
    ? stored
    : asked.format === 'newsml'
      ? withEmbargoed(stored, until)
      : withEmbargoedUntil(stored, until);
  const { 'Cache-Control': _cache, ETag: _etag, ...headers } = record.meta[1];
  return {
    response: new Response(body, {
      headers: { ...headers, ...partnerHeaders(), ...(early ? { 'X-Embargoed-Until': until } : {}) },
    }),
    items: 1,
  };
}

/**
 * The page's items with their addresses, and without what the caller may not see now: a record written before a
 * later embargo moved its release must not show the article early (the cursor has moved past it all the same).
 */
async function visibleItems(
  version: Version,
  source: ReturnType<RouteDeps['sourceFor']>,
  items: readonly ChangeItem[],
  partner: Partner | undefined,
  now: number,
): Promise<Record<string, string>[]> {
  const { site } = version.root;
  const shown: Record<string, string>[] = [];
  for (const item of items) {
    const entry = await version.article(source, item.slug);
    const early = entry !== undefined && entry[1] > now;
    if (early && item.event !== 'retracted' && !(partner?.embargoed && item.embargoedUntil !== undefined)) continue;
    shown.push({
      id: item.id,
      event: item.event,
      slug: item.slug,
      url: absoluteUrl(site, articleFormatPath('page', item.slug)),
      ninjs: absoluteUrl(site, partner ? partnerArticlePath(item.slug) : articleFormatPath('ninjs', item.slug)),
      at: item.at,
      ...(item.embargoedUntil !== undefined ? { embargoedUntil: item.embargoedUntil } : {}),
    });
  }
  return shown;
}
