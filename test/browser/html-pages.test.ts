import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderErrorPage } from '../../src/render/error-page.ts';
import { htmlSecurityHeaders } from '../../src/render/headers/security-headers.ts';
import { stylesheet, stylesheetHash } from '../../src/render/stylesheet.ts';
import { seedArchive, seedArticle, seedLines } from '../support/articles.ts';
import { hostilePageArticle, payloads } from '../support/hostile.ts';
import { serveInMemory } from '../support/node-archive.ts';
import { pageSite as site } from '../support/sites.ts';
import { hasChromium, launchChromium, missingChromiumMessage } from './chromium.ts';
import { type PageServer, startPageServer } from './page-server.ts';

const inCi = Boolean(process.env.CI);
const screenshots = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

// On a user's machine without Chromium the suite is skipped, and says so; in CI it runs and fails.
const skipBrowser = !hasChromium && !inCi;
if (skipBrowser) console.warn(`Skipping the browser tests. ${missingChromiumMessage}`);

/** What went wrong while a page was open: console errors, uncaught errors, dialogs, CSP violations. */
interface Problems {
  console: string[];
  dialogs: string[];
}

// Code that runs in the page is written as strings: the project's TypeScript has no DOM lib (it targets workerd).
const recordViolations = `
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__violations.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sample);
  });`;
const nextFrame = 'new Promise((resolve) => requestAnimationFrame(resolve))';
const bodyBackground = 'getComputedStyle(document.body).backgroundColor';

describe.skipIf(skipBrowser)('HTML pages in Chromium', () => {
  let browser: Browser;
  let server: PageServer;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    // The real app over a real build: seed, hostile article and seven more, three to a page.
    server = await startPageServer();
    const servedSite = { ...site, baseUrl: server.origin, pageSize: 3 };
    const { app } = await serveInMemory(servedSite, [seedArticle(site), hostilePageArticle(), ...seedArchive(7, site)]);
    // A control page whose extra <style> is not in the CSP hash: proves violations are seen at all.
    const controlHeaders = htmlSecurityHeaders(await stylesheetHash(stylesheet(servedSite)));
    const unhashedStyle = renderErrorPage(servedSite, 404, 'Not Found').replace(
      '</head>',
      '<style>body{color:red}</style>\n</head>',
    );
    server.handle((request) =>
      new URL(request.url).pathname === '/control/unhashed-style'
        ? new Response(unhashedStyle, { headers: { 'Content-Type': 'text/html; charset=utf-8', ...controlHeaders } })
        : app.fetch(request),
    );
    if (!hasChromium) throw new Error(missingChromiumMessage);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(
    path: string,
    width: number,
    colorScheme: 'light' | 'dark' = 'light',
  ): Promise<{ page: Page; problems: Problems }> {
    const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
    const page = await context.newPage();
    const problems: Problems = { console: [], dialogs: [] };
    // Init scripts are injected by the DevTools protocol, outside the page's CSP.
    await page.addInitScript(recordViolations);
    page.on('console', (message) => {
      // A non-2xx document (the error pages) logs "Failed to load resource" for itself: not a problem.
      const isOwnStatus = message.text().startsWith('Failed to load resource') && message.location().url === page.url();
      if (message.type() === 'error' && !isOwnStatus)
        problems.console.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.console.push(error.message));
    page.on('dialog', (dialog) => {
      problems.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(`${server.origin}${path}`, { waitUntil: 'load' });
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    // Let queued violation events fire before anyone reads them.
    await page.evaluate(nextFrame);
    return { page, problems };
  }

  async function violations(page: Page): Promise<string[]> {
    return (await page.evaluate('window.__violations')) as string[];
  }

  async function horizontalOverflow(page: Page): Promise<number> {
    return (await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    )) as number;
  }

  async function done(page: Page): Promise<void> {
    await page.context().close();
  }

  it('renders the seed article with its title, attribution and copyright visible, under the strict CSP', async () => {
    const { page, problems } = await open('/articles/sco-digital-link', 1440);
    expect(await page.locator('h1').textContent()).toBe(seedLines[0]);
    await expect(page.locator('.attribution').isVisible()).resolves.toBe(true);
    await expect(page.locator('.attribution').getByRole('link', { name: 'www.news.cn' }).isVisible()).resolves.toBe(
      true,
    );
    await expect(page.locator('.copyright').isVisible()).resolves.toBe(true);
    expect(await page.locator('.copyright').textContent()).toBe(seedLines[5]);
    // The hashed inline stylesheet applied: the page background is the stylesheet's, not the default white.
    expect(await page.evaluate(bodyBackground)).toBe('rgb(251, 250, 247)');
    // The JSON-LD is a data block: present, parseable, and no violation for it.
    const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
    expect((JSON.parse(jsonLd ?? '') as { '@type': string })['@type']).toBe('NewsArticle');
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual({ console: [], dialogs: [] });
    await page.screenshot({ path: `${screenshots}article-1440.png`, fullPage: true });
    await done(page);
  });

  it('fits the seed article into a 360 px phone screen without horizontal scrolling', async () => {
    const { page, problems } = await open('/articles/sco-digital-link', 360);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(problems).toEqual({ console: [], dialogs: [] });
    await page.screenshot({ path: `${screenshots}article-360.png`, fullPage: true });
    await done(page);
  });

  it('follows a dark colour scheme', async () => {
    const { page } = await open('/articles/sco-digital-link', 360, 'dark');
    expect(await page.evaluate(bodyBackground)).toBe('rgb(24, 23, 26)');
    await page.screenshot({ path: `${screenshots}article-360-dark.png`, fullPage: true });
    await done(page);
  });

  it("never runs the hostile article's payloads, and wraps its unbroken URL at 360 px", async () => {
    const { page, problems } = await open('/articles/hostile', 360);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(problems.dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toBe(hostilePageArticle().title);
    expect(await violations(page)).toEqual([]);
    expect(problems.console).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await page.screenshot({ path: `${screenshots}hostile-360.png`, fullPage: true });
    await done(page);
  });

  it('shows the index with pagination at 1440 px and 360 px', async () => {
    let checked = 0;
    for (const width of [1440, 360]) {
      const { page, problems } = await open('/', width);
      expect(await page.locator('.entry').count()).toBe(3);
      expect(await page.locator('nav[aria-label="Pagination"] .current').textContent()).toBe('Page 1 of 3');
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await violations(page)).toEqual([]);
      expect(problems).toEqual({ console: [], dialogs: [] });
      await page.screenshot({ path: `${screenshots}index-${width}.png`, fullPage: true });
      await page.locator('a[rel="next"]').click();
      await page.waitForURL(`${server.origin}/?page=2`);
      expect(await page.locator('nav[aria-label="Pagination"] .current').textContent()).toBe('Page 2 of 3');
      await done(page);
      checked++;
    }
    expect(checked).toBe(2);
  });

  it('shows section pages and the section directories at 360 px, the hostile source inert', async () => {
    const sections = ['/sources/www.news.cn', '/sources/evil.example', `/tags/${encodeURIComponent(payloads.chinese)}`];
    let checked = 0;
    for (const [index, path] of [...sections, '/tags/', '/sources/'].entries()) {
      const { page, problems } = await open(path, 360);
      expect(await page.locator('h1').count(), path).toBe(1);
      expect(await horizontalOverflow(page), path).toBe(0);
      expect(await page.evaluate('typeof window.__pwned'), path).toBe('undefined');
      expect(await violations(page), path).toEqual([]);
      expect(problems, path).toEqual({ console: [], dialogs: [] });
      await page.screenshot({ path: `${screenshots}section-${index + 1}-360.png`, fullPage: true });
      await done(page);
      checked++;
    }
    expect(checked).toBe(5);
    const { page } = await open('/sources/www.news.cn', 360);
    expect(await page.locator('.entry').count()).toBe(3);
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(`${server.origin}/sources/www.news.cn?page=2`);
    expect(await page.locator('nav[aria-label="Pagination"] .current').textContent()).toBe('Page 2 of 3');
    await done(page);
  });

  it('shows the index in dark mode', async () => {
    const { page } = await open('/', 1440, 'dark');
    await page.screenshot({ path: `${screenshots}index-1440-dark.png`, fullPage: true });
    await done(page);
  });

  it('shows an error page in the same look, with a link home', async () => {
    const { page, problems } = await open('/missing', 360);
    expect(await page.locator('h1').textContent()).toBe('Not Found');
    await expect(page.getByRole('link', { name: 'Go to the front page of Wirefeed' }).isVisible()).resolves.toBe(true);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual({ console: [], dialogs: [] });
    await page.screenshot({ path: `${screenshots}error-404-360.png`, fullPage: true });
    await done(page);
  });

  it('lets a keyboard user skip to the content, with a visible focus ring', async () => {
    const { page } = await open('/articles/sco-digital-link', 360);
    const skipLink = page.locator('a.skip-link');
    expect(await skipLink.boundingBox().then((box) => (box?.y ?? 0) + (box?.height ?? 0))).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    expect((await skipLink.boundingBox())?.y).toBeGreaterThanOrEqual(0);
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    expect(page.url()).toBe(`${server.origin}/articles/sco-digital-link#content`);
    await done(page);
  });

  it('does report a CSP violation when a page carries a style the hash does not cover (the check can fail)', async () => {
    const { page, problems } = await open('/control/unhashed-style', 360);
    expect((await violations(page)).some((violation) => violation.startsWith('style-src'))).toBe(true);
    expect(problems.console.length).toBeGreaterThan(0);
    await done(page);
  });
});
