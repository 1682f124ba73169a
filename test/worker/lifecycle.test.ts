// Corrections and retractions through the app: 410 pages, tombstones on page 1, lists without the retracted, WebSub links.
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.ts';
import { dateIn, story } from '../support/articles.ts';
import { testSite } from '../support/sites.ts';
import { serveSite } from './test-site.ts';
import { parseXml, textsOf } from './worker-client.ts';

/** Every story here names its editors, as agency copy does. */
const trailer = ['Edit:Yi Yi Responsible editor:Li Nian', 'Source:www.news.cn'];

const corrected: Article = {
  ...story('corrected', { date: '2025-07-10 08:00', trailer }),
  corrections: [
    { date: dateIn(testSite, '2025-07-12 09:30'), text: 'The number of <workshops> was wrong & is fixed.' },
  ],
  updated: dateIn(testSite, '2025-07-12 09:30'),
};
const withdrawn = story('withdrawn', {
  date: '2025-07-11 08:00',
  trailer,
  retracted: { date: '2025-07-13 10:00', reason: 'The agency withdrew the story.' },
});
const longGone = story('long-gone', {
  date: '2025-05-01 08:00',
  trailer,
  retracted: { date: '2025-05-02 10:00', reason: 'Withdrawn long ago.' },
});
const archive = [
  story('first', { date: '2025-07-01 08:00', trailer }),
  story('second', { date: '2025-07-05 08:00', trailer }),
  corrected,
  withdrawn,
  longGone,
];

describe('a retracted article', () => {
  it('stays available to partners as ninjs, with status 200 and pubStatus canceled', async () => {
    const { fetch } = await serveSite(archive);
    const response = await fetch('/articles/withdrawn.ninjs.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as { pubStatus: string; uri: string };
    expect(document.pubStatus).toBe('canceled');
    expect(document.uri).toBe('https://wire.example/articles/withdrawn');
    const live = (await (await fetch('/articles/first.ninjs.json')).json()) as { pubStatus: string };
    expect(live.pubStatus).toBe('usable');
  });

  it('answers 410 Gone with a page that says withdrawn, when and why, crediting the source', async () => {
    const { fetch } = await serveSite(archive);
    const response = await fetch('/articles/withdrawn');
    expect(response.status).toBe(410);
    expect(response.headers.get('ETag')).toMatch(/^"[^"]+"$/);
    expect(response.headers.get('X-Source')).toBe('www.news.cn');
    expect(response.headers.get('X-Editor')).toBe('Yi Yi');
    // The withdrawal notice still points at the source and at its ninjs and NewsML-G2, which say it is canceled.
    expect(response.headers.get('Link')).toBe(
      '<https://www.news.cn/>; rel="canonical", <https://wire.example/articles/withdrawn.ninjs.json>; rel="alternate"; type="application/json", <https://wire.example/articles/withdrawn.newsml.xml>; rel="alternate"; type="application/vnd.iptc.g2.newsitem+xml"',
    );
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(await textsOf(html, 'h1')).toEqual(['Story withdrawn']);
    expect(await textsOf(html, '.retraction p')).toEqual([
      'Withdrawn on 13 July 2025, 10:00 +08:00. Reason: The agency withdrew the story.',
    ]);
    expect(await textsOf(html, '.attribution dd')).toContain('www.news.cn');
    expect(html).not.toContain('Body of withdrawn');
  });

  it('answers HEAD with the same status and headers and no body', async () => {
    const { fetch } = await serveSite(archive);
    const get = await fetch('/articles/withdrawn');
    const head = await fetch('/articles/withdrawn', { method: 'HEAD' });
    expect(head.status).toBe(410);
    expect(head.headers.get('ETag')).toBe(get.headers.get('ETag'));
    expect(head.headers.get('X-Source')).toBe('www.news.cn');
    expect(await head.text()).toBe('');
  });

  it('still answers 410 with its page to If-None-Match and If-Modified-Since (RFC 9110 §13.2.1)', async () => {
    const { fetch } = await serveSite(archive);
    const first = await fetch('/articles/withdrawn');
    const etag = first.headers.get('ETag') ?? '';
    const again = await fetch('/articles/withdrawn', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(410);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(await again.text()).toContain('This article was withdrawn');
    const since = await fetch('/articles/withdrawn', {
      headers: { 'If-Modified-Since': first.headers.get('Last-Modified') ?? '' },
    });
    expect(since.status).toBe(410);
  });

  it('leaves the index, every feed, the sitemap and the news sitemap', async () => {
    const { fetch } = await serveSite(archive);
    let checked = 0;
    for (const path of ['/', '/rss.xml', '/sitemap.xml', '/news-sitemap.xml']) {
      const body = await (await fetch(path)).text();
      expect(body, path).toContain('/articles/corrected');
      expect(body, path).not.toContain('/articles/withdrawn');
      expect(body, path).not.toContain('/articles/long-gone');
      checked++;
    }
    expect(checked).toBe(4);
    const json = (await (await fetch('/feed.json')).json()) as { items: { id: string }[] };
    expect(json.items.map((item) => item.id)).toEqual([
      'https://wire.example/articles/corrected',
      'https://wire.example/articles/second',
      'https://wire.example/articles/first',
    ]);
    const atom = parseXml(await (await fetch('/atom.xml')).text()) as { feed: { entry: { id: string }[] } };
    expect(atom.feed.entry.map((entry) => entry.id)).toEqual([
      'https://wire.example/articles/corrected',
      'https://wire.example/articles/second',
      'https://wire.example/articles/first',
    ]);
  });

  it('is a tombstone on Atom page 1 when retracted within 30 days of the newest date (RFC 6721)', async () => {
    const { fetch } = await serveSite(archive);
    const xml = await (await fetch('/atom.xml')).text();
    expect(xml).toContain(
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:at="http://purl.org/atompub/tombstones/1.0"',
    );
    const feed = parseXml(xml) as {
      feed: { 'at:deleted-entry': { '@ref': string; '@when': string; 'at:comment': string } };
    };
    expect(feed.feed['at:deleted-entry']).toEqual({
      '@ref': 'https://wire.example/articles/withdrawn',
      '@when': '2025-07-13T10:00:00+08:00',
      'at:comment': 'The agency withdrew the story.',
    });
    // The feed changed when the story was withdrawn: its updated date is the retraction's.
    expect(xml).toContain('<updated>2025-07-13T10:00:00+08:00</updated>');
  });

  it('is in JSON Feed page 1 as _wirefeed.deleted, and on no later page', async () => {
    const { fetch } = await serveSite(archive, { ...testSite, pageSize: 2 });
    const first = (await (await fetch('/feed.json')).json()) as { _wirefeed: { deleted?: unknown } };
    expect(first._wirefeed.deleted).toEqual([
      {
        id: 'https://wire.example/articles/withdrawn',
        when: '2025-07-13T10:00:00+08:00',
        comment: 'The agency withdrew the story.',
      },
    ]);
    const second = (await (await fetch('/feed.json?page=2')).json()) as { _wirefeed: { deleted?: unknown } };
    expect(second._wirefeed.deleted).toBeUndefined();
    expect(await (await fetch('/atom.xml?page=2')).text()).not.toContain('deleted-entry');
  });

  it('pages over listed articles only: three left, two a page, two pages', async () => {
    const { fetch } = await serveSite(archive, { ...testSite, pageSize: 2 });
    expect((await fetch('/rss.xml?page=2')).status).toBe(200);
    expect((await fetch('/rss.xml?page=3')).status).toBe(404);
  });
});

describe('a corrected article', () => {
  it('shows the dated correction above the body, escaped', async () => {
    const { fetch } = await serveSite(archive);
    const response = await fetch('/articles/corrected');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(await textsOf(html, '.corrections li')).toEqual([
      '12 July 2025, 09:30 +08:00: The number of <workshops> was wrong & is fixed.',
    ]);
    expect(html.indexOf('class="corrections"')).toBeLessThan(html.indexOf('class="article-body"'));
    expect(html).toContain('"correction":[{"@type":"CorrectionComment","datePublished":"2025-07-12T09:30:00+08:00"');
  });

  it('moves updated and Last-Modified to the correction, keeping the id', async () => {
    const { fetch } = await serveSite(archive);
    expect((await fetch('/articles/corrected')).headers.get('Last-Modified')).toBe('Sat, 12 Jul 2025 01:30:00 GMT');
    const rss = await (await fetch('/rss.xml')).text();
    expect(rss).toContain('<atom:updated>2025-07-12T09:30:00+08:00</atom:updated>');
    expect(rss).toContain('<guid isPermaLink="true">https://wire.example/articles/corrected</guid>');
    expect(rss).toContain('&lt;strong&gt;Correction:&lt;/strong&gt;');
    const json = (await (await fetch('/feed.json')).json()) as {
      items: { id: string; date_modified: string; content_html: string }[];
    };
    const item = json.items.find((entry) => entry.id === 'https://wire.example/articles/corrected');
    expect(item?.date_modified).toBe('2025-07-12T09:30:00+08:00');
    expect(item?.content_html).toContain('The number of &lt;workshops&gt; was wrong &amp; is fixed.');
    const sitemap = await (await fetch('/sitemap.xml')).text();
    expect(sitemap).toContain(
      '<loc>https://wire.example/articles/corrected</loc><lastmod>2025-07-12T09:30:00+08:00</lastmod>',
    );
  });
});

describe('WebSub', () => {
  const hubSite = { ...testSite, websubHub: 'https://hub.example.net/' };

  it('sends Link rel="hub" and rel="self" on every feed page, 304s included', async () => {
    const { fetch } = await serveSite(archive, { ...hubSite, pageSize: 2 });
    let checked = 0;
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json', '/atom.xml?page=2']) {
      const response = await fetch(path);
      expect(response.headers.get('Link'), path).toBe(
        `<https://hub.example.net/>; rel="hub", <https://wire.example${path}>; rel="self"`,
      );
      const again = await fetch(path, { headers: { 'If-None-Match': response.headers.get('ETag') ?? '' } });
      expect(again.status).toBe(304);
      expect(again.headers.get('Link'), path).toBe(response.headers.get('Link'));
      checked++;
    }
    expect(checked).toBe(4);
  });

  it('sends no hub Link without a hub, and none on the HTML index', async () => {
    expect((await (await serveSite(archive)).fetch('/rss.xml')).headers.get('Link')).toBeNull();
    expect((await (await serveSite(archive, hubSite)).fetch('/')).headers.get('Link')).toBeNull();
  });
});

describe('the news sitemap', () => {
  it('lists the two days before the newest article, and robots.txt names it', async () => {
    const { fetch } = await serveSite(archive);
    const response = await fetch('/news-sitemap.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/xml; charset=utf-8');
    const xml = await response.text();
    const parsed = parseXml(xml) as { urlset: { url: { loc: string; 'news:news': Record<string, unknown> }[] } };
    expect(parsed.urlset.url.map((url) => url.loc)).toEqual(['https://wire.example/articles/corrected']);
    expect(parsed.urlset.url[0]?.['news:news']).toEqual({
      'news:publication': { 'news:name': 'wirefeed', 'news:language': 'en' },
      'news:publication_date': '2025-07-10T08:00:00+08:00',
      'news:title': 'Story corrected',
    });
    expect(await (await fetch('/robots.txt')).text()).toContain('Sitemap: https://wire.example/news-sitemap.xml\n');
  });
});
