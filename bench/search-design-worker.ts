/**
 * The Worker bench/search-design.ts runs under wrangler's local runtime: each way of indexing in its own D1
 * database (binding = the variant's name in capitals), loaded and queried inside workerd, as the Worker will.
 * POST /setup, POST /load (rows as JSON; a single row is a publish's +1 update, timed inside), GET /found?q= (every match), GET /page?q= (one page, timed inside), GET /search?q= (bigram: searchArticles), GET /size, GET /noop (the request alone).
 */
import type { SearchRow } from '../src/model/search-row.ts';
import { foldForSearch, isCjkTerm, searchText } from '../src/shared/search-text.ts';
import { parseSearchQuery } from '../src/worker/search/query.ts';
import { applyIndexChanges, searchArticles } from '../src/worker/search/search-index.ts';

type Lookup = { readonly match: string } | { readonly like: string };

interface Variant {
  /** FTS5 `tokenize` option. */
  readonly tokenize: string;
  /** The text the FTS5 table is given for a title or body. */
  readonly index: (text: string) => string;
  /** How one folded query term is looked up. */
  readonly lookup: (term: string) => Lookup;
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
const cjkRun = /(?:(?=[\p{L}\p{N}])[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}])+/gu;

const variants: Readonly<Record<string, Variant>> = {
  /** The design: src/shared/search-text.ts, through the real applyIndexChanges and searchArticles. */
  bigram: {
    tokenize: 'unicode61 remove_diacritics 2',
    index: searchText,
    lookup: (term) => {
      const query = parseSearchQuery(term);
      return { match: query.kind === 'query' ? query.match : '""' };
    },
  },
  /** Every CJK character a token; a CJK word the phrase of its characters. */
  unigram: {
    tokenize: 'unicode61 remove_diacritics 2',
    index: (text) => foldForSearch(text).replace(cjkRun, (run) => ` ${Array.from(run).join(' ')} `),
    lookup: (term) => ({ match: quote(isCjkTerm(term) ? Array.from(term).join(' ') : term) }),
  },
  /** FTS5's trigram tokenizer; under three characters it matches nothing, so LIKE scans the published text. */
  trigram: {
    tokenize: 'trigram remove_diacritics 1',
    index: foldForSearch,
    lookup: (term) => (Array.from(term).length >= 3 ? { match: quote(term) } : { like: `%${term}%` }),
  },
  /** unicode61 alone: a CJK run is one token. */
  unicode61: {
    tokenize: 'unicode61 remove_diacritics 2',
    index: foldForSearch,
    lookup: (term) => ({ match: quote(term) }),
  },
};

const matching = 'FROM search_fts JOIN search_articles a ON a.id = search_fts.rowid WHERE search_fts MATCH ?1';
const liking = 'FROM search_articles a WHERE a.title LIKE ?1 OR a.body LIKE ?1';

async function load(db: D1Database, name: string, variant: Variant, rows: readonly SearchRow[]): Promise<void> {
  if (name === 'bigram') return applyIndexChanges(db, { upsert: rows, remove: [] });
  const insert = db.prepare(
    'INSERT INTO search_articles (slug, title, summary, body, release_ms, published_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?5)',
  );
  const fts = db.prepare(
    'INSERT INTO search_fts (rowid, title, text) VALUES ((SELECT id FROM search_articles WHERE slug = ?1), ?2, ?3)',
  );
  await db.batch(
    rows.flatMap((row) => [
      insert.bind(row.slug, row.title, row.summary, row.body, row.releaseMs),
      fts.bind(row.slug, variant.index(row.title), variant.index(row.body)),
    ]),
  );
}

/** One page of 20 ranked results and the total, the same two statements for every variant; ms inside workerd (D1 time: its clock moves on I/O). */
async function page(db: D1Database, variant: Variant, term: string): Promise<number> {
  const lookup = variant.lookup(term);
  const [from, value, order] =
    'like' in lookup
      ? [liking, lookup.like, 'a.published_ms DESC']
      : [matching, lookup.match, 'bm25(search_fts, 10, 1)'];
  const started = performance.now();
  await db.batch([
    db.prepare(`SELECT a.slug, a.title, a.body ${from} ORDER BY ${order} LIMIT 20`).bind(value),
    db.prepare(`SELECT count(*) AS total ${from}`).bind(value),
  ]);
  return performance.now() - started;
}

export default {
  async fetch(request: Request, env: Record<string, D1Database>): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/noop') return Response.json({});
    const name = url.searchParams.get('variant') ?? '';
    const variant = variants[name];
    const db = env[name.toUpperCase()];
    if (!variant || !db) return new Response('unknown variant', { status: 404 });
    const term = url.searchParams.get('q') ?? '';
    switch (url.pathname) {
      case '/setup': {
        for (const query of (await request.json()) as string[]) await db.prepare(query).run();
        if (name !== 'bigram')
          await db
            .prepare(
              `CREATE VIRTUAL TABLE search_fts USING fts5(title, text, tokenize = '${variant.tokenize}', content = '', contentless_delete = 1)`,
            )
            .run();
        return Response.json({});
      }
      case '/load': {
        const started = performance.now();
        await load(db, name, variant, (await request.json()) as SearchRow[]);
        return Response.json({ ms: performance.now() - started });
      }
      case '/found': {
        const lookup = variant.lookup(term);
        const [from, value] = 'like' in lookup ? [liking, lookup.like] : [matching, lookup.match];
        const { results } = await db.prepare(`SELECT a.slug ${from}`).bind(value).all<{ slug: string }>();
        return Response.json(results.map((row) => row.slug));
      }
      case '/page':
        return Response.json({ ms: await page(db, variant, term) });
      case '/search': {
        // The design's whole query: searchArticles, snippets included (timed by the caller, request and all).
        const query = parseSearchQuery(term);
        if (query.kind === 'query') await searchArticles(db, query, { now: Date.now(), page: 1, pageSize: 20 });
        return Response.json({});
      }
      case '/size': {
        const size = (await db.prepare('SELECT 1').run()).meta.size_after;
        const fts = await db
          .prepare('SELECT sum(length(block)) AS bytes FROM search_fts_data')
          .first<{ bytes: number }>();
        return Response.json({ database: size, index: fts?.bytes ?? 0 });
      }
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
