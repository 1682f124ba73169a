import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sectionFeedPaths } from '../../../../src/builder/publish/section-feeds.ts';
import { buildSite } from '../../../../src/builder/render/build-site.ts';
import { parseWireCopy } from '../../../../src/content/wire-copy.ts';
import { site as siteWith } from '../../content/helpers.ts';

describe('the section feeds a deploy pings', () => {
  it('are page 1 of every tag and source feed in the built assets', async () => {
    const site = siteWith({ baseUrl: 'https://news.example.com' });
    const parsed = parseWireCopy('a.txt', 'A\n2025-07-16\nBody.\nSource:www.news.cn\n', site);
    if (!parsed.ok || parsed.draft) throw new Error('a.txt');
    const assets = await mkdtemp(join(tmpdir(), 'wirefeed-section-feeds-'));
    try {
      await buildSite(site, [{ ...parsed.article, tags: ['经济'] }], async (path, text) => {
        await mkdir(dirname(join(assets, path)), { recursive: true });
        await writeFile(join(assets, path), text);
      });
      expect(await sectionFeedPaths(assets)).toEqual([
        '/tags/%E7%BB%8F%E6%B5%8E/rss.xml',
        '/tags/%E7%BB%8F%E6%B5%8E/atom.xml',
        '/tags/%E7%BB%8F%E6%B5%8E/feed.json',
        '/sources/www.news.cn/rss.xml',
        '/sources/www.news.cn/atom.xml',
        '/sources/www.news.cn/feed.json',
      ]);
      expect(await sectionFeedPaths(join(assets, 'nothing-here'))).toEqual([]);
    } finally {
      await rm(assets, { recursive: true, force: true });
    }
  });
});
