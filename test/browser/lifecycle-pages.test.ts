// A corrected article and a retracted one in real Chromium: the correction above the body, the withdrawal notice on the 410 page.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.ts';
import { articleDate, seedArticle } from '../support/articles.ts';
import { serveInMemory } from '../support/node-archive.ts';
import { pageSite as site } from '../support/sites.ts';
import { hasChromium, launchChromium, missingChromiumMessage } from './chromium.ts';
import { type PageServer, startPageServer } from './page-server.ts';

const inCi = Boolean(process.env.CI);
const screenshots = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const skipBrowser = !hasChromium && !inCi;
if (skipBrowser) console.warn(`Skipping the browser tests. ${missingChromiumMessage}`);

const corrected: Article = {
  ...seedArticle(site),
  slug: 'corrected',
  corrections: [
    { date: articleDate('2025-07-18T09:30:00+08:00'), text: 'The minister’s name is now spelled correctly.' },
    { date: articleDate('2025-07-17T10:00:00+08:00'), text: 'An earlier version misstated the number of <workshops>.' },
  ],
  updated: articleDate('2025-07-18T09:30:00+08:00'),
};
const retracted: Article = {
  ...seedArticle(site),
  slug: 'retracted',
  published: articleDate('2025-07-17T00:00:00+08:00'),
  retracted: { date: articleDate('2025-07-19T08:00:00+08:00'), reason: 'The agency withdrew the story.' },
};

describe.skipIf(skipBrowser)('corrections and retractions in Chromium', () => {
  let browser: Browser;
  let server: PageServer;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    server = await startPageServer();
    const servedSite = { ...site, baseUrl: server.origin };
    const { app } = await serveInMemory(servedSite, [seedArticle(site), corrected, retracted]);
    server.handle((request) => app.fetch(request));
    if (!hasChromium) throw new Error(missingChromiumMessage);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the corrections, newest first and dated, above the body', async () => {
    const page = await (await browser.newContext({ viewport: { width: 360, height: 800 } })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const response = await page.goto(`${server.origin}/articles/corrected`);
    expect(response?.status()).toBe(200);
    const corrections = page.locator('.corrections');
    await expect(corrections.isVisible()).resolves.toBe(true);
    expect(await page.locator('.corrections h2').textContent()).toBe('Corrections');
    expect(await page.locator('.corrections li').allInnerTexts()).toEqual([
      '18 July 2025, 09:30 +08:00: The minister’s name is now spelled correctly.',
      '17 July 2025, 10:00 +08:00: An earlier version misstated the number of <workshops>.',
    ]);
    const correctionsBox = await corrections.boundingBox();
    const bodyBox = await page.locator('.article-body').boundingBox();
    expect((correctionsBox?.y ?? 0) + (correctionsBox?.height ?? 0)).toBeLessThanOrEqual(bodyBox?.y ?? 0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: `${screenshots}corrected-360.png`, fullPage: true });
    await page.context().close();
  });

  it('shows the withdrawal notice, when and why, and still credits the source on the 410 page', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 800 } })).newPage();
    const response = await page.goto(`${server.origin}/articles/retracted`);
    expect(response?.status()).toBe(410);
    await expect(page.locator('.retraction').isVisible()).resolves.toBe(true);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a reader sees.
    expect(await page.locator('.retraction').innerText()).toBe(
      'This article was withdrawn\n\nWithdrawn on 19 July 2025, 08:00 +08:00. Reason: The agency withdrew the story.',
    );
    await expect(page.getByRole('link', { name: 'www.news.cn' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.copyright').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${screenshots}retracted-1440.png`, fullPage: true });
    await page.context().close();
  });
});
