/**
 * Node only: a real D1 database (Miniflare's, the workerd simulation wrangler dev uses) with the search index's
 * migrations applied and `articles` indexed as a publish would index them — for tests that serve the app from Node
 * (validators, Chromium) and need /search to answer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import type { Article } from '../../src/model/article.ts';
import { releaseOf } from '../../src/model/article.ts';
import { searchRow } from '../../src/model/search-row.ts';
import { applyIndexChanges } from '../../src/worker/search/search-index.ts';

export interface SearchDatabase {
  readonly db: D1Database;
  dispose(): Promise<void>;
}

const migrations = resolve(import.meta.dirname, '..', '..', 'migrations', 'search');

/** The statements of the migration files, in order, comments removed. */
function migrationStatements(): string[] {
  return readdirSync(migrations)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .flatMap((file) =>
      readFileSync(join(migrations, file), 'utf8')
        .replace(/--[^\n]*/g, '')
        .split(';')
        .map((statement) => statement.trim())
        .filter((statement) => statement !== ''),
    );
}

export async function searchDatabase(articles: readonly Article[]): Promise<SearchDatabase> {
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      script: 'export default { fetch: () => new Response(null, { status: 204 }) };',
      compatibilityDate: '2026-11-01',
      d1Databases: ['SEARCH'],
    }),
  );
  const db = (await miniflare.getD1Database('SEARCH')) as unknown as D1Database;
  for (const statement of migrationStatements()) await db.prepare(statement).run();
  await applyIndexChanges(db, {
    upsert: articles.filter((article) => !article.retracted).map((article) => searchRow(article, releaseOf(article))),
    remove: [],
  });
  return { db, dispose: () => miniflare.dispose() };
}
