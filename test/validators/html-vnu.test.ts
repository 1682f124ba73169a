/** The Nu HTML Checker (the W3C validator's engine) on every HTML page of the fixture site: no errors, no warnings. */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRepresentations, buildValidatorSite } from './build-fixture-site.ts';
import { formatMessage, hasVnu, missingVnuMessage, runVnu, severityOf, type VnuMessage } from './vnu.ts';

const inCi = Boolean(process.env.CI);

// On a user's machine without Java the suite is skipped, and says so; in CI it fails.
const skipVnu = !hasVnu && !inCi;
if (skipVnu) console.warn(`Skipping the Nu HTML Checker tests. ${missingVnuMessage}`);

const fixture = await buildValidatorSite();
const pages = allRepresentations(fixture.build).filter((page) =>
  page.representation.headers['Content-Type']?.startsWith('text/html'),
);
const canary = fileURLToPath(new URL('../fixtures/validators/invalid-canary.html.txt', import.meta.url));

// Policy: errors fail; warnings fail too (vnu warns about markup decisions that are ours: a missing
// or wrong `lang` for the text's language, heading structure, obsolete attributes; there are none
// today, so keeping them at zero is cheap); info messages are printed and pass (style notes such as
// "Trailing slash on void elements has no effect", which do not change how any parser reads the page).
describe.skipIf(skipVnu)('every HTML page passes the Nu HTML Checker', () => {
  let directory = '';
  let messages = new Map<string, VnuMessage[]>();
  const messagesOf = (fileName: string) => messages.get(join(directory, fileName)) ?? [];

  beforeAll(() => {
    // In CI a missing Java or jar fails every test here with this message.
    if (!hasVnu) throw new Error(missingVnuMessage);
    directory = mkdtempSync(join(tmpdir(), 'wirefeed-vnu-'));
    for (const page of pages) writeFileSync(join(directory, page.fileName), page.representation.body);
    copyFileSync(canary, join(directory, 'invalid-canary.html'));
    const started = performance.now();
    // One JVM start for every page: starting vnu costs seconds, checking a page milliseconds.
    messages = runVnu([...pages.map((page) => join(directory, page.fileName)), join(directory, 'invalid-canary.html')]);
    console.info(`vnu checked ${pages.length + 1} files in ${Math.round(performance.now() - started)} ms`);
  }, 120_000);

  afterAll(() => {
    if (directory !== '') rmSync(directory, { recursive: true, force: true });
  });

  it('checks the index pages, every article page and every error page', () => {
    const names = pages.map((page) => page.name);
    expect(names.filter((name) => name.startsWith('GET /?') || name === 'GET /')).toHaveLength(6);
    expect(names.filter((name) => name.startsWith('GET /articles/'))).toHaveLength(fixture.articles.length);
    expect(names.filter((name) => name.startsWith('error '))).toEqual([
      'error 400',
      'error 404',
      'error 405',
      'error 414',
      'error 500',
      'error 503',
    ]);
  });

  it('reports the known error and warning of an invalid page (the harness reads vnu right)', () => {
    expect(messagesOf('invalid-canary.html').map((m) => [severityOf(m), m.message.slice(0, 40)])).toEqual([
      ['error', 'An “img” element must have an “alt” attr'],
      ['warning', 'Consider adding a “lang” attribute to th'],
    ]);
  });

  it.each(pages.map((page) => [page.name, page.fileName]))('%s has no errors and no warnings', (_name, fileName) => {
    const found = messagesOf(fileName);
    const infos = found.filter((message) => severityOf(message) === 'info');
    if (infos.length > 0)
      console.info(`${fileName}: ${infos.length} info message(s)\n${infos.map(formatMessage).join('\n')}`);
    expect(found.filter((message) => severityOf(message) !== 'info').map(formatMessage)).toEqual([]);
  });
});
