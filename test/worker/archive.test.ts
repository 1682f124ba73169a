// A 45-article archive through the app and its storage: paging joins chunks right, every page is reachable.
import { describe, expect, it } from 'vitest';
import { stories } from '../support/articles.ts';
import { testSite } from '../support/sites.ts';
import { walk } from './paging-walk.ts';
import { serveSite, wireCopy } from './test-site.ts';
import { parseXml, textsOf } from './worker-client.ts';

const articles = stories(45);
const newestFirstTitles = articles.map((article) => article.title).reverse();

describe.each([20, 7])('an archive of 45 at %i a page', (pageSize) => {
  const site = { ...testSite, pageSize };
  const pageCount = Math.ceil(45 / pageSize);

  it('lists every article exactly once, newest first, following next in RSS', async () => {
    const { fetch } = await serveSite(articles, site);
    const pages = await walk(fetch, '/rss.xml', async (body) => {
      const channel = (
        parseXml(body) as {
          rss: { channel: { item?: { title: string }[]; 'atom:link': { '@rel': string; '@href': string }[] } };
        }
      ).rss.channel;
      return {
        titles: (channel.item ?? []).map((item) => String(item.title)),
        next: channel['atom:link'].find((link) => link['@rel'] === 'next')?.['@href'],
      };
    });
    expect(pages).toHaveLength(pageCount);
    expect(pages.flat()).toEqual(newestFirstTitles);
  });

  it('lists every article exactly once in Atom and JSON Feed', async () => {
    const { fetch } = await serveSite(articles, site);
    const atom = await walk(fetch, '/atom.xml', async (body) => {
      const feed = (
        parseXml(body) as {
          feed: { entry?: { title: { '#text': string } }[]; link: { '@rel': string; '@href': string }[] };
        }
      ).feed;
      return {
        titles: (feed.entry ?? []).map((entry) => String(entry.title['#text'])),
        next: feed.link.find((link) => link['@rel'] === 'next')?.['@href'],
      };
    });
    expect(atom.flat()).toEqual(newestFirstTitles);
    const json = await walk(fetch, '/feed.json', async (body) => {
      const feed = JSON.parse(body) as { items: { title: string }[]; next_url?: string };
      return { titles: feed.items.map((item) => item.title), next: feed.next_url };
    });
    expect(json.flat()).toEqual(newestFirstTitles);
  });

  it('lists every article exactly once on the HTML index pages', async () => {
    const { fetch } = await serveSite(articles, site);
    const pages = await walk(fetch, '/', async (body) => ({
      titles: await textsOf(body, '.entry h2 a'),
      next: (/<a class="older" rel="next" href="([^"]+)"/.exec(body) ?? [])[1],
    }));
    expect(pages.flat()).toEqual(newestFirstTitles);
  });

  it('answers the page after the last with 404', async () => {
    const { fetch } = await serveSite(articles, site);
    expect((await fetch(`/rss.xml?page=${pageCount}`)).status).toBe(200);
    expect((await fetch(`/rss.xml?page=${pageCount + 1}`)).status).toBe(404);
  });
});

describe('article storage', () => {
  it('serves every article page of the archive from its block, and 404 for a slug that is not there', async () => {
    const { fetch } = await serveSite(articles);
    let checked = 0;
    for (const article of articles) {
      const html = await (await fetch(`/articles/${article.slug}`)).text();
      expect(await textsOf(html, 'h1')).toEqual([article.title]);
      checked++;
    }
    expect(checked).toBe(45);
    expect((await fetch('/articles/story-46')).status).toBe(404);
    expect((await fetch('/articles/constructor')).status).toBe(404);
    expect((await fetch('/articles/__proto__')).status).toBe(404);
  });

  it('stores the same root whatever order the articles come in', async () => {
    const forward = await serveSite(articles, testSite, { releasedBy: Date.UTC(2026, 0, 1) });
    const shuffled = await serveSite([...articles].reverse(), testSite, { releasedBy: Date.UTC(2026, 0, 1) });
    expect(shuffled.rootHash).toBe(forward.rootHash);
    expect([...shuffled.objects.keys()].sort()).toEqual([...forward.objects.keys()].sort());
  });

  it('renders and stores only what a new article changes, building on the previous version', async () => {
    const releasedBy = Date.UTC(2026, 0, 1);
    const before = await serveSite(articles, testSite, { releasedBy });
    const next = wireCopy('story-46.txt', 'Story 46\n2025-03-01 08:00\nBody of story 46.\n');
    const after = await serveSite([...articles, next], testSite, { releasedBy, previous: before.state });
    expect(after.report.rendered).toBe(1);
    expect(after.report.reused).toBe(45);
    // The site list's head in four formats and its spine piece, the one shard, one sitemap part, the news sitemap,
    // and the changes log's new tail.
    expect(after.report.pieces.stored).toBe(9);
    expect((await after.fetch('/articles/story-46')).status).toBe(200);
    expect((await after.fetch('/articles/story-1')).status).toBe(200);
  });
});

describe('an empty archive', () => {
  it('serves an index, valid feeds with no items and a sitemap, and 404 for any article', async () => {
    const { fetch } = await serveSite([]);
    expect(await textsOf(await (await fetch('/')).text(), '.empty')).toEqual(['No articles yet.']);
    const rss = parseXml(await (await fetch('/rss.xml')).text()) as { rss: { channel: { item?: unknown[] } } };
    expect(rss.rss.channel.item).toBeUndefined();
    expect(((await (await fetch('/feed.json')).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await fetch('/sitemap.xml')).status).toBe(200);
    expect((await fetch('/articles/anything')).status).toBe(404);
    expect((await fetch('/rss.xml?page=2')).status).toBe(404);
  });
});

describe('an archive beyond one sitemap', () => {
  it('indexes its sitemap parts at /sitemap.xml and serves each part, with every article once', async () => {
    // 45 articles at 20 URLs a file: three parts (the protocol's limit is 50,000; the build takes a smaller one for tests).
    const { fetch } = await serveSite(articles, testSite, 20);
    const index = parseXml(await (await fetch('/sitemap.xml')).text()) as {
      sitemapindex: { sitemap: { loc: string }[] };
    };
    const parts = index.sitemapindex.sitemap.map((entry) => entry.loc);
    expect(parts).toEqual([1, 2, 3].map((part) => `https://wire.example/sitemaps/${part}.xml`));
    const locs: string[] = [];
    let checked = 0;
    for (const part of parts) {
      const response = await fetch(new URL(part).pathname);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('application/xml; charset=utf-8');
      const urlset = parseXml(await response.text()) as { urlset: { url: { loc: string }[] } };
      locs.push(...urlset.urlset.url.map((url) => url.loc));
      checked++;
    }
    expect(checked).toBe(3);
    const articleLocs = locs.filter((loc) => loc.includes('/articles/'));
    expect(articleLocs.sort()).toEqual(
      articles.map((article) => `https://wire.example/articles/${article.slug}`).sort(),
    );
    expect((await fetch('/sitemaps/4.xml')).status).toBe(404);
    expect((await fetch('/sitemaps/0.xml')).status).toBe(404);
    expect((await fetch('/sitemaps/x.xml')).status).toBe(404);
  });
});

describe('sitemap lastmod', () => {
  it('dates each part of the sitemap index by its newest article, and the home page (in the newest part) by the newest of all', async () => {
    const { fetch } = await serveSite(articles, testSite, 20);
    const index = parseXml(await (await fetch('/sitemap.xml')).text()) as {
      sitemapindex: { sitemap: { loc: string; lastmod: string }[] };
    };
    // Parts hold the oldest articles first: stories 1-20, 21-40, 41-45.
    expect(index.sitemapindex.sitemap.map((entry) => entry.lastmod.slice(0, 19))).toEqual([
      '2025-01-20T08:00:00',
      '2025-02-12T08:00:00',
      '2025-02-17T08:00:00',
    ]);
    // The home page changes with every new article, so it sits in the part that does anyway: the last.
    const last = parseXml(await (await fetch('/sitemaps/3.xml')).text()) as {
      urlset: { url: { loc: string; lastmod?: string }[] };
    };
    const home = last.urlset.url.find((url) => url.loc === 'https://wire.example/');
    expect(home?.lastmod?.slice(0, 19)).toBe('2025-02-17T08:00:00');
  });
});
