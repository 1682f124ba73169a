// Search in Chromium (issue 26): a reader types a word into the box on a page, submits, and reads the results at
// 360 px; the form, results and empty pages have no accessibility violation (axe-core) under the strict CSP.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedArchive, seedArticle } from '../support/articles.ts';
import { serveInMemory } from '../support/node-archive.ts';
import { type SearchDatabase, searchDatabase } from '../support/search-d1.ts';
import { pageSite as site } from '../support/sites.ts';
import { hasChromium, launchChromium, missingChromiumMessage } from './chromium.ts';
import { type PageServer, startPageServer } from './page-server.ts';

const skipBrowser = !hasChromium && !process.env.CI;
if (skipBrowser) console.warn(`Skipping the browser tests. ${missingChromiumMessage}`);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

describe.skipIf(skipBrowser)('search in Chromium', () => {
  let browser: Browser;
  let server: PageServer;
  let search: SearchDatabase;

  beforeAll(async () => {
    server = await startPageServer();
    const servedSite = { ...site, baseUrl: server.origin, pageSize: 3 };
    const articles = [seedArticle(site), ...seedArchive(7, site)];
    const { app } = await serveInMemory(servedSite, articles);
    search = await searchDatabase(articles);
    server.handle((request) => app.fetch(request, { SEARCH: search.db }));
    if (!hasChromium) throw new Error(missingChromiumMessage);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await search?.dispose();
  });

  /** A page at `width`; `audit` lets axe-core's script in (the page's own CSP would refuse it). */
  async function open(path: string, width: number, audit = false): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: audit });
    const page = await context.newPage();
    await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    return page;
  }

  async function axeViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource });
    const violations = (await page.evaluate('axe.run().then((result) => result.violations)')) as AxeViolation[];
    return violations.map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
  }

  const overflow = 'document.documentElement.scrollWidth - document.documentElement.clientWidth';

  it('finds the seed from the search box of its own page, at 360 px without sideways scrolling', async () => {
    const page = await open('/articles/sco-digital-link', 360);
    const box = page.getByRole('searchbox');
    await box.fill('digital divide');
    await Promise.all([page.waitForURL(/\/search\?q=digital/), box.press('Enter')]);
    const results = page.locator('main li a');
    expect(await results.count()).toBeGreaterThan(0);
    expect(await results.first().getAttribute('href')).toMatch(/\/articles\/sco-digital-link$/);
    // The matches are marked in the snippet.
    expect(await page.locator('main mark').count()).toBeGreaterThan(0);
    expect(await page.evaluate(overflow)).toBe(0);
    await page.context().close();
  });

  it('says so when nothing is found, and keeps the query in the box', async () => {
    const page = await open('/search?q=zeppelins', 360);
    expect(await page.getByRole('searchbox').inputValue()).toBe('zeppelins');
    expect(await page.locator('main li a').count()).toBe(0);
    expect(await page.locator('main').textContent()).toMatch(/zeppelins/);
    expect(await page.evaluate(overflow)).toBe(0);
    await page.context().close();
  });

  it('has no accessibility violation on the form, the results and the empty page (axe-core)', async () => {
    const paths = ['/search', '/search?q=digital', '/search?q=zeppelins', '/search?q=%3Cb%3E'];
    let audited = 0;
    for (const path of paths) {
      const page = await open(path, 360, true);
      expect(await axeViolations(page), path).toEqual([]);
      await page.context().close();
      audited++;
    }
    expect(audited).toBe(paths.length);
  });

  it('does report a violation on a page that has one (the audit can fail)', async () => {
    const page = await open('/search', 360, true);
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><input type="search"></main></html>');
    expect((await axeViolations(page)).join('\n')).toMatch(/label/);
    await page.context().close();
  });
});
