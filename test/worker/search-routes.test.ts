// /search and /search.json through the app over a published archive and the real D1 index: what a reader and a
// partner's editor see, released articles only, every query answered as text, cached like the lists.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { type Article, releaseOf } from '../../src/model/article.ts';
import { searchRow } from '../../src/model/search-row.ts';
import { applyIndexChanges } from '../../src/worker/search/search-index.ts';
import chineseWire from '../fixtures/validators/articles/chinese-wire.txt?raw';
import { story } from '../support/articles.ts';
import { hostileQueries } from '../support/hostile.ts';
import { testSite } from '../support/sites.ts';
import { serveSite, wireCopy } from './test-site.ts';
import { get, textsOf } from './worker-client.ts';

/** Puts the articles' rows in the index, as a publish does after its switch (retracted ones never). */
async function index(articles: readonly Article[]): Promise<void> {
  await applyIndexChanges(env.SEARCH, {
    upsert: articles.filter((article) => !article.retracted).map((article) => searchRow(article, releaseOf(article))),
    remove: [],
  });
}

/** Story `n` (find-<n>) about `words`, in its title and its body. */
const about = (n: number, words: string, date = '2025-08-01 09:00') =>
  story(`find-${n}`, { title: `Story ${n} about ${words}`, date, body: `The body of story ${n} mentions ${words}.` });

describe('the search box', () => {
  it('is on every page: the index, an article, a section, an error page', async () => {
    let checked = 0;
    for (const path of ['/', '/articles/sco-digital-link', '/sources/www.news.cn', '/no-such-page']) {
      const html = await (await get(path)).text();
      expect(html, path).toContain('<form class="search" role="search" method="get" action="/search">');
      expect(html, path).toContain('<label for="search-q">Search</label>');
      checked++;
    }
    expect(checked).toBe(4);
  });

  it('lets the form submit to the site itself and nowhere else (CSP form-action)', async () => {
    expect((await get('/')).headers.get('Content-Security-Policy')).toContain("form-action 'self'");
  });
});

describe('/search', () => {
  it('finds the seed by a word of it, its matches marked, through the Worker', async () => {
    const response = await get('/search?q=Tianjin');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(await textsOf(html, '.entry h2 a')).toEqual([
      "SCO's' Digital Link ': Bridging the Global Digital Divide through Inclusive Cooperation",
    ]);
    expect(html).toContain('<mark>Tianjin</mark>');
    // The box shows the query as it was searched: folded, as the cache keys it.
    expect(html).toContain('value="tianjin"');
  });

  it('shows the form for an empty query, and answers 400 for one over 200 characters, never cached', async () => {
    const empty = await get('/search');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('Type a word or a phrase');
    const long = await get(`/search?q=${'a'.repeat(201)}`);
    expect(long.status).toBe(400);
    expect(long.headers.get('Cache-Control')).toBe('no-store');
    expect((await get(`/search.json?q=${'字'.repeat(201)}`)).status).toBe(400);
    expect((await get(`/search?q=${'字'.repeat(200)}`)).status).toBe(200);
  });

  it('finds the Chinese validator article by a two-character word, as a JSON Feed with its snippet marked', async () => {
    const chinese = wireCopy('chinese-wire.txt', chineseWire, testSite);
    const { fetch } = await serveSite([chinese]);
    await index([chinese]);
    const feed = (await (await fetch(`/search.json?q=${encodeURIComponent('纽带')}`)).json()) as {
      version: string;
      items: { id: string; summary: string; _wirefeed: { snippet_html: string } }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.map((item) => item.id)).toEqual(['https://wire.example/articles/chinese-wire']);
    expect(feed.items[0]?._wirefeed.snippet_html).toContain('<mark>纽带</mark>');
    expect(feed.items[0]?.summary).toContain('纽带');
  });

  it('never finds an article before its release, and finds it from its instant', async () => {
    const release = Date.parse('2026-12-07T06:00:00+08:00');
    const scheduled = about(1, 'zeppelins', '2026-12-07 06:00 +08:00');
    const before = await serveSite([scheduled], testSite, { now: () => release - 1, releasedBy: release - 60_000 });
    await index([scheduled]);
    const early = await (await before.fetch('/search.json?q=zeppelins')).json();
    expect((early as { items: unknown[] }).items).toEqual([]);
    const after = await serveSite([scheduled], testSite, {
      now: () => release,
      releasedBy: release - 60_000,
      codeVersion: 'later',
    });
    const found = await (await after.fetch('/search.json?q=zeppelins')).json();
    expect((found as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([
      'https://wire.example/articles/find-1',
    ]);
  });

  it('pages results like the lists: next_url, page 2, and 404 past the last page', async () => {
    const articles = Array.from({ length: 25 }, (_, index) =>
      about(100 + index, 'balloons', `2025-08-${String(1 + index).padStart(2, '0')} 09:00`),
    );
    const { fetch } = await serveSite(articles);
    await index(articles);
    const first = (await (await fetch('/search.json?q=balloons')).json()) as { items: unknown[]; next_url?: string };
    expect(first.items).toHaveLength(20);
    expect(first.next_url).toBe('https://wire.example/search.json?q=balloons&page=2');
    const second = (await (await fetch('/search.json?q=balloons&page=2')).json()) as {
      items: unknown[];
      next_url?: string;
    };
    expect(second.items).toHaveLength(5);
    expect(second.next_url).toBeUndefined();
    expect((await fetch('/search?q=balloons&page=3')).status).toBe(404);
    expect((await fetch('/search?q=balloons&page=0')).status).toBe(400);
  });

  it('answers 304 to its ETag and serves a repeat from the cache', async () => {
    const articles = [about(200, 'kites')];
    const { fetch } = await serveSite(articles);
    await index(articles);
    const first = await fetch('/search?q=kites');
    expect(first.headers.get('X-Cache')).toBe('MISS');
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^"[^"]+"$/);
    expect((await fetch('/search?q=kites', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await fetch('/search?q=KITES')).headers.get('X-Cache')).toBe('HIT');
  });

  it('answers every hostile query without a 5xx, the query escaped', async () => {
    let answered = 0;
    for (const [name, query] of [...hostileQueries, ['markup', '<script>alert(1)</script>', 'query'] as const]) {
      // URLSearchParams writes a lone surrogate as U+FFFD, as a browser's form would.
      const q = new URLSearchParams({ q: query }).toString();
      for (const path of [`/search?${q}`, `/search.json?${q}`]) {
        const response = await get(path);
        expect(response.status, `${name}: ${path}`).toBeLessThan(500);
        expect(await response.text(), name).not.toContain('<script>alert');
        answered++;
      }
    }
    expect(answered).toBe((hostileQueries.length + 1) * 2);
    let checked = 0;
    for (const raw of ['/search?q=%E0%A4%A', '/search?q=%FF%FE', '/search?q=a%00b', '/search?q=%']) {
      expect((await get(raw)).status, raw).toBeLessThan(500);
      checked++;
    }
    expect(checked).toBe(4);
  });
});
