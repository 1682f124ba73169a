/** The search index in D1 (migrations/search): ranked, paged queries over released articles, and a publish's changes as one batch. */
import type { SearchRow } from '../../model/search-row.ts';
import { searchText } from '../../shared/search-text.ts';
import type { SearchQuery } from './query.ts';
import { markedText, type SnippetPart, snippet } from './snippet.ts';

/** bm25 column weights of search_fts (title, text): a title match outranks a body full of the word. */
const titleWeight = 10;
const textWeight = 1;

export interface SearchOptions {
  /** The instant results are for, ms since the epoch: rows released later are not found. */
  readonly now: number;
  /** 1-based page number. */
  readonly page: number;
  /** Results per page. */
  readonly pageSize: number;
}

export interface SearchResult {
  readonly slug: string;
  /** The title as published, its matches marked. */
  readonly title: readonly SnippetPart[];
  /** About 200 characters of the body around the matches (else of the summary), matches marked. */
  readonly snippet: readonly SnippetPart[];
  /** FTS5 bm25 with the title weighted: lower is better. */
  readonly rank: number;
}

export interface SearchPage {
  /** Matching released articles on every page. */
  readonly total: number;
  /** This page's results, best first; empty past the last page. */
  readonly results: readonly SearchResult[];
}

/** Matches not yet released at ?2: few (the embargoed and the scheduled), found by the release_ms index. */
const unreleased = 'SELECT id FROM search_articles WHERE release_ms > ?2';

/**
 * The page's narrow rows, ranked on search_fts alone (no join per match), then joined to the text for the page only.
 * `candidates` limits the rows ranked by bm25 alone (FTS5 keeps the best in a bounded sorter); ties of rank are then
 * broken by date among them. `last` and `ranked` tell whether a tie ran past the candidates (searchArticles).
 */
const pageQuery = (
  candidates: boolean,
) => `SELECT article.slug, article.title, article.summary, article.body, page.rank,
    page.last, page.ranked
  FROM (
    SELECT best.id, best.rank, best.last, best.ranked, hit.published_ms AS published, hit.slug AS slug
    FROM (
      SELECT id, rank, max(rank) OVER () AS last, count(*) OVER () AS ranked FROM (
        SELECT rowid AS id, bm25(search_fts, ${titleWeight}, ${textWeight}) AS rank FROM search_fts
        WHERE search_fts MATCH ?1 AND rowid NOT IN (${unreleased})
        ${candidates ? 'ORDER BY rank LIMIT ?5' : ''}
      )
    ) AS best JOIN search_articles AS hit ON hit.id = best.id
    ORDER BY best.rank, published DESC, slug
    LIMIT ?3 OFFSET ?4
  ) AS page JOIN search_articles AS article ON article.id = page.id
  ORDER BY page.rank, page.published DESC, page.slug`;

/** Candidates ranked beyond the page's end: a tie of rank reaching past them sends the query again, uncut. */
const tieSlack = 32;

/**
 * One page of the articles matching `query` that are released at `now`, best first, ties newest first: one D1 batch,
 * and a second query only when a tie of rank runs past the ranked candidates.
 */
export async function searchArticles(
  db: D1Database,
  query: Extract<SearchQuery, { kind: 'query' }>,
  options: SearchOptions,
): Promise<SearchPage> {
  const { now, page, pageSize } = options;
  const offset = (page - 1) * pageSize;
  const candidates = offset + pageSize + tieSlack;
  // Lifetimes are capped by the site's next release (the route), never by a matching row's own, which would tell
  // a prober that an unreleased article holds the words.
  // Counted and ranked on search_fts alone: joining every match to its row cost ~4x at 20,000 matches (docs/search.md).
  const [first, count] = await db.batch([
    db.prepare(pageQuery(true)).bind(query.match, now, pageSize, offset, candidates),
    db
      .prepare(
        `SELECT (SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1)
          - (SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1 AND rowid IN (${unreleased})) AS total`,
      )
      .bind(query.match, now),
  ]);
  let rows = first;
  const ranked = (first?.results ?? []) as { rank: number; last: number; ranked: number }[];
  // Exact unless every candidate was taken and the page's worst rank ties the last candidate's: then rows of that
  // rank beyond the candidates may be newer than some on the page, and only ranking every match says.
  const worst = ranked.at(-1);
  if (worst && worst.ranked >= candidates && worst.rank === worst.last)
    rows = await db.prepare(pageQuery(false)).bind(query.match, now, pageSize, offset).all();
  const results = (rows?.results ?? []) as {
    slug: string;
    title: string;
    summary: string;
    body: string;
    rank: number;
  }[];
  const total = (count?.results[0] as { total: number } | undefined)?.total ?? 0;
  return {
    total,
    results: results.map((row) => ({
      slug: row.slug,
      title: markedText(row.title, query.terms),
      snippet: snippetOf(row, query.terms),
      rank: row.rank,
    })),
  };
}

/** The body's excerpt around the matches; when only the title, a tag or the source matched, the summary. */
function snippetOf(row: { summary: string; body: string }, terms: readonly string[]): SnippetPart[] {
  const fromBody = snippet(row.body, terms);
  return fromBody.some((part) => part.match) ? fromBody : snippet(row.summary, terms);
}

/** What one publish changes in the index. */
export interface IndexChanges {
  /** New or changed articles, released or embargoed (never retracted ones). */
  readonly upsert: readonly SearchRow[];
  /** Slugs that leave the index: retracted, deleted or made drafts. Unknown slugs are ignored. */
  readonly remove: readonly string[];
}

/**
 * Applies a publish's changes as one D1 batch (one transaction: all or nothing). An upsert keeps the
 * article's row id and replaces its FTS5 entry; the text is folded here, by the same searchText()
 * the queries use. Callers keep a batch to a few hundred articles (the reindex sends the archive in parts).
 */
export async function applyIndexChanges(db: D1Database, changes: IndexChanges): Promise<void> {
  const removeFts = db.prepare('DELETE FROM search_fts WHERE rowid = (SELECT id FROM search_articles WHERE slug = ?1)');
  const removeArticle = db.prepare('DELETE FROM search_articles WHERE slug = ?1');
  const upsertArticle = db.prepare(
    `INSERT INTO search_articles (slug, title, summary, body, release_ms, published_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
    ON CONFLICT (slug) DO UPDATE SET title = excluded.title, summary = excluded.summary, body = excluded.body,
      release_ms = excluded.release_ms, published_ms = excluded.published_ms`,
  );
  const insertFts = db.prepare(
    'INSERT INTO search_fts (rowid, title, text) VALUES ((SELECT id FROM search_articles WHERE slug = ?1), ?2, ?3)',
  );
  const statements: D1PreparedStatement[] = [];
  for (const slug of changes.remove) statements.push(removeFts.bind(slug), removeArticle.bind(slug));
  for (const row of changes.upsert) {
    statements.push(
      removeFts.bind(row.slug),
      upsertArticle.bind(row.slug, row.title, row.summary, row.body, row.releaseMs, row.publishedMs),
      insertFts.bind(row.slug, searchText(row.title), searchText(indexedText(row))),
    );
  }
  if (statements.length > 0) await db.batch(statements);
}

/** search_fts.text: the summary (unless it is the body's opening, as wire copy's is: no word counted twice), body, tags, source. */
function indexedText(row: SearchRow): string {
  const opening = row.summary.endsWith('…') ? row.summary.slice(0, -1) : row.summary;
  const summaryIsOpening = row.body.replace(/\s+/g, ' ').trim().startsWith(opening);
  return [...(summaryIsOpening ? [] : [row.summary]), row.body, ...row.keywords].join('\n');
}

/** Empties the index (the start of `npm run publish -- --reindex`): every row and its FTS5 entry. */
export async function resetIndex(db: D1Database): Promise<void> {
  await db.batch([
    db.prepare("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"),
    db.prepare('DELETE FROM search_articles'),
  ]);
}
