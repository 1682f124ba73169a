// A scheduled article in every public channel, one millisecond before its release instant and at it, with the
// clock injected: absent before, present from the instant, no public validator moved by publishing it early, and
// no cached answer outliving the release.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type Article, releaseOf } from '../../src/model/article.ts';
import { searchRow } from '../../src/model/search-row.ts';
import { applyIndexChanges } from '../../src/worker/search/search-index.ts';
import { testSite } from '../support/sites.ts';
import { serveSite, wireCopy } from './test-site.ts';
import { parseXml } from './worker-client.ts';

const release = Date.parse('2026-12-07T06:00:00+08:00');
/** Published the day before: the scheduled article is in a later release state of that version. */
const releasedBy = release - 86_400_000;

const withTags = (article: Article, tags: string[]): Article => ({ ...article, tags });

const released = withTags(
  wireCopy('earlier.txt', 'An earlier story\n2025-08-01 09:00\nAbout harbours.\nSource:www.news.cn\n'),
  ['Trade', 'Ports'],
);
/** Dated at its release, from a source and with a tag no released article has: its sections appear at the instant. */
const scheduled = withTags(
  wireCopy(
    'tomorrow.txt',
    'Tomorrow’s story\n2026-12-07 06:00 +08:00\nAbout zeppelins.\nSource:www.scheduled.example\n',
  ),
  ['Trade', 'Airships'],
);
/** Dated in the past, embargoed until the same instant. */
const embargoed = {
  ...withTags(
    wireCopy('embargoed.txt', 'An embargoed story\n2025-08-02 09:00\nAbout balloons.\nSource:www.news.cn\n'),
    ['Trade'],
  ),
  embargo: { iso: '2026-12-07T06:00:00+08:00', epochMs: release },
};

async function at(now: number, articles: readonly Article[] = [released, scheduled, embargoed]) {
  const site = await serveSite(articles, testSite, { now: () => now, releasedBy, codeVersion: `release-${now}` });
  await applyIndexChanges(env.SEARCH, {
    upsert: articles.filter((article) => !article.retracted).map((article) => searchRow(article, releaseOf(article))),
    remove: [],
  });
  return site;
}

/** Every public channel, and whether it shows the scheduled and embargoed articles. */
const channels: readonly (readonly [path: string, shows: (status: number, body: string) => boolean])[] = [
  ['/articles/tomorrow', (status) => status === 200],
  ['/articles/tomorrow.ninjs.json', (status) => status === 200],
  ['/articles/tomorrow.newsml.xml', (status) => status === 200],
  ['/articles/embargoed', (status) => status === 200],
  ['/articles/embargoed.ninjs.json', (status) => status === 200],
  ['/', (_, body) => body.includes('/articles/tomorrow') && body.includes('/articles/embargoed')],
  ['/rss.xml', (_, body) => body.includes('/articles/tomorrow') && body.includes('/articles/embargoed')],
  ['/atom.xml', (_, body) => body.includes('/articles/tomorrow') && body.includes('/articles/embargoed')],
  ['/feed.json', (_, body) => body.includes('/articles/tomorrow') && body.includes('/articles/embargoed')],
  ['/tags/trade', (_, body) => body.includes('/articles/tomorrow')],
  ['/tags/trade/rss.xml', (_, body) => body.includes('/articles/embargoed')],
  ['/tags/airships', (status) => status === 200],
  ['/tags/airships/feed.json', (status) => status === 200],
  ['/sources/www.scheduled.example', (status) => status === 200],
  ['/sources/www.scheduled.example/atom.xml', (status) => status === 200],
  ['/tags/', (_, body) => body.includes('Airships') && body.includes('3 articles')],
  ['/sources/', (_, body) => body.includes('www.scheduled.example')],
  ['/sitemap.xml', (_, body) => body.includes('/articles/tomorrow') && body.includes('/tags/airships')],
  ['/news-sitemap.xml', (_, body) => body.includes('/articles/tomorrow')],
  ['/search.json?q=zeppelins', (_, body) => body.includes('/articles/tomorrow')],
  ['/search.json?q=balloons', (_, body) => body.includes('/articles/embargoed')],
  ['/api/v1/changes', (_, body) => body.includes('"tomorrow"') && body.includes('"embargoed"')],
];

describe('a scheduled article', () => {
  it('is absent from every public channel one millisecond before its release, and in every one at it', async () => {
    const before = await at(release - 1);
    const after = await at(release);
    let checked = 0;
    for (const [path, shows] of channels) {
      const early = await before.fetch(path);
      expect(shows(early.status, await early.text()), `${path} before the release`).toBe(false);
      const due = await after.fetch(path);
      expect(shows(due.status, await due.text()), `${path} at the release`).toBe(true);
      checked++;
    }
    expect(checked).toBe(channels.length);
  });

  it('answers the same 404 as a slug that never existed before its release', async () => {
    const { fetch } = await at(release - 1);
    const never = await fetch('/articles/never-existed');
    const early = await fetch('/articles/tomorrow');
    expect(early.status).toBe(404);
    expect(await early.text()).toBe(await never.text());
  });

  it('moves no public ETag or Last-Modified when it is published ahead of its release', async () => {
    const without = await at(release - 1, [released]);
    const withScheduled = await at(release - 1, [released, scheduled, embargoed]);
    const paths = [
      '/',
      '/rss.xml',
      '/atom.xml',
      '/feed.json',
      '/sitemap.xml',
      '/news-sitemap.xml',
      '/tags/',
      '/sources/',
      '/tags/trade',
      '/tags/trade/rss.xml',
      '/sources/www.news.cn/feed.json',
      '/search?q=trade',
      '/search.json?q=balloons',
    ];
    let compared = 0;
    for (const path of paths) {
      const [a, b] = [await without.fetch(path), await withScheduled.fetch(path)];
      expect(b.headers.get('ETag'), path).toBe(a.headers.get('ETag'));
      expect(b.headers.get('Last-Modified'), path).toBe(a.headers.get('Last-Modified'));
      expect(await b.text(), path).toBe(await a.text());
      compared++;
    }
    expect(compared).toBe(paths.length);
  });

  it('caps the cache lifetimes of what it changes at the seconds left until it', async () => {
    const { fetch } = await at(release - 30_000);
    let checked = 0;
    for (const path of ['/', '/rss.xml', '/tags/trade/atom.xml', '/sitemap.xml', '/tags/', '/search?q=zeppelins']) {
      const control = (await fetch(path)).headers.get('Cache-Control') ?? '';
      const lifetimes = [...control.matchAll(/(max-age|s-maxage|stale-while-revalidate)=(\d+)/g)].map((match) =>
        Number(match[2]),
      );
      expect(lifetimes.length, path).toBe(3);
      expect(Math.max(...lifetimes), `${path}: ${control}`).toBeLessThanOrEqual(30);
      checked++;
    }
    expect(checked).toBe(6);
    // A list the release does not change keeps its usual lifetimes.
    expect((await fetch('/tags/ports/rss.xml')).headers.get('Cache-Control')).toBe(
      'public, max-age=300, s-maxage=600, stale-while-revalidate=86400',
    );
  });

  it('appears in the news sitemap window computed from the released articles only', async () => {
    const { fetch } = await at(release - 1);
    const urls = (parseXml(await (await fetch('/news-sitemap.xml')).text()) as { urlset: { url?: unknown } }).urlset
      .url;
    // The newest released article is from 2025: the window is the two days before it, and it is in it.
    expect(JSON.stringify(urls)).toContain('/articles/earlier');
  });
});
