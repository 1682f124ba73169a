/** Content folders for tests: the fixture files, scratch folders removed after each test, and content/ folders made from texts. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { ContentError } from '../../src/content/content-error.ts';

/** test/fixtures/content/, with a trailing slash. */
export const fixturesDir = fileURLToPath(new URL('../fixtures/content/', import.meta.url));

/** The repository's own content/ (the seed), with a trailing slash. */
export const repoContentDir = fileURLToPath(new URL('../../content/', import.meta.url));

/** A file below test/fixtures/content/, as text. */
export function fixture(path: string): string {
  return readFileSync(`${fixturesDir}${path}`, 'utf8');
}

/** A fresh empty folder under the system's temporary folder, removed when the test that made it ends. */
export function scratchFolder(label = 'scratch'): string {
  const dir = mkdtempSync(join(tmpdir(), `wirefeed-${label}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A content folder (`<scratch>/content`, so a test can put files beside it) whose articles/ holds `articles`:
 * each path below articles/ to its text (written as UTF-8) or bytes (as they are); sub-folders are made as needed.
 */
export function contentWith(articles: Readonly<Record<string, string | Uint8Array>> = {}): string {
  const content = join(scratchFolder('content'), 'content');
  mkdirSync(join(content, 'articles'), { recursive: true });
  for (const [name, text] of Object.entries(articles)) {
    const path = join(content, 'articles', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return content;
}

/** The ContentError a load rejects with; anything else, or no error at all, fails the test. */
export async function contentErrorOf(loading: Promise<unknown>): Promise<ContentError> {
  const error = await loading.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ContentError)) throw new Error(`expected a ContentError, got ${String(error)}`);
  return error;
}
