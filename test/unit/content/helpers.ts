/** Test helpers: fixture text and a Site with chosen settings. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParseResult } from '../../../src/content/parse-result.ts';
import { defaultSite } from '../../../src/content/site-config.ts';
import type { Article } from '../../../src/model/article.ts';
import type { Site } from '../../../src/model/site.ts';

export const fixturesDir = fileURLToPath(new URL('../../fixtures/content/', import.meta.url));
export const repoContentDir = fileURLToPath(new URL('../../../content/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(`${fixturesDir}${path}`, 'utf8');
}

export function site(settings: Partial<Site> = {}): Site {
  return { ...defaultSite, ...settings };
}

/** The article of a result, failing the test with the problems when there is none. */
export function articleOf(result: ParseResult): Article {
  if (!result.ok)
    throw new Error(
      `expected an article, got problems:\n${result.problems.map((p) => `${p.line}: ${p.message}`).join('\n')}`,
    );
  if (result.draft) throw new Error('expected an article, got a draft');
  return result.article;
}

/** The problems of a result as `line: message` (no file), failing when it parsed. */
export function problemsOf(result: ParseResult): { line: number | undefined; message: string; file: string }[] {
  if (result.ok) throw new Error('expected problems, got a result');
  return result.problems.map((problem) => ({ line: problem.line, message: problem.message, file: problem.file }));
}
