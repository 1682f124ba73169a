/** Pictures in Chromium at 360 and 1440 px: the lead picture shows, with alt and size (no layout shift), its credit is visible, nothing scrolls sideways. */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/builder/content/load-content.ts';
import { serveInMemory } from '../support/node-archive.ts';
import { hasChromium, launchChromium, missingChromiumMessage } from './chromium.ts';
import { type PageServer, startPageServer } from './page-server.ts';

const inCi = Boolean(process.env.CI);
const fixtures = fileURLToPath(new URL('../fixtures/media/', import.meta.url));
const screenshots = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const skipBrowser = !hasChromium && !inCi;

describe.skipIf(skipBrowser)('pictures in Chromium', () => {
  let browser: Browser;
  let server: PageServer;
  let dir = '';

  beforeAll(async () => {
    // The real pipeline: content with a picture, loadContent (sharp, cache), the archive built, the app over it.
    dir = await mkdtemp(join(tmpdir(), 'wirefeed-media-browser-'));
    await mkdir(join(dir, 'content/articles'), { recursive: true });
    await copyFile(join(fixtures, 'lead.jpg'), join(dir, 'content/articles/forum.jpg'));
    await writeFile(
      join(dir, 'content/articles/forum.md'),
      '---\ntitle: The forum opens\ndate: 2025-07-18\nimage:\n  src: forum.jpg\n  alt: A field under a summer sky\n  caption: The forum opened on Monday.\n  credit: Photo by Li Ming / Xinhua\n  copyright: © Xinhua 2025\n---\n\nDelegates met in Tianjin.\n',
    );
    server = await startPageServer();
    const { site, articles, media } = await loadContent(join(dir, 'content'), {
      baseUrl: server.origin,
      media: { cacheDir: join(dir, 'cache') },
    });
    const pictures = new Map<string, Uint8Array>();
    for (const file of media.files)
      pictures.set(file.path.slice('media/'.length), new Uint8Array(await readFile(file.source)));
    const { app } = await serveInMemory(site, articles, { media: pictures });
    server.handle((request) => app.fetch(request));
    if (!hasChromium) throw new Error(missingChromiumMessage);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const width of [360, 1440]) {
    it(`shows the lead picture with its alt, size and credit at ${width} px, without sideways scrolling`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') violations.push(message.text());
      });
      await page.goto(`${server.origin}/articles/forum`, { waitUntil: 'load' });
      const picture = page.locator('figure.lead-image img');
      expect(await picture.getAttribute('alt')).toBe('A field under a summer sky');
      expect([await picture.getAttribute('width'), await picture.getAttribute('height')]).toEqual(['1600', '1200']);
      // Loaded, from one of the published renditions, and laid out at the picture's own 4:3 (no layout shift).
      const shown = (await page.evaluate(
        "(() => { const img = document.querySelector('figure.lead-image img'); return { complete: img.complete, natural: img.naturalWidth, src: img.currentSrc, box: img.getBoundingClientRect().toJSON() }; })()",
      )) as { complete: boolean; natural: number; src: string; box: { width: number; height: number; right: number } };
      expect(shown.complete).toBe(true);
      expect(shown.natural).toBeGreaterThan(0);
      expect(shown.src).toMatch(/\/media\/[A-Za-z0-9_-]{22}\.jpg$/);
      expect(Math.abs(shown.box.height - (shown.box.width * 1200) / 1600)).toBeLessThan(1);
      expect(shown.box.right).toBeLessThanOrEqual(width);
      const credit = page.locator('figcaption .credit');
      await expect(credit.isVisible()).resolves.toBe(true);
      expect(await credit.textContent()).toBe('Photo by Li Ming / Xinhua');
      expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(
        0,
      );
      expect(violations).toEqual([]);
      await mkdir(screenshots, { recursive: true });
      await page.screenshot({ path: `${screenshots}picture-article-${width}.png`, fullPage: true });
      await context.close();
    });
  }

  it('shows a thumbnail beside the entry on the index', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    const thumbnail = page.locator('.entry img.thumbnail');
    await expect(thumbnail.isVisible()).resolves.toBe(true);
    expect(
      (await page.evaluate("document.querySelector('.entry img.thumbnail').naturalWidth")) as number,
    ).toBeGreaterThan(0);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    await page.screenshot({ path: `${screenshots}picture-index-360.png`, fullPage: true });
    await context.close();
  });
});
