// /articles/:slug.ninjs.json through the Worker entry: the seed as IPTC ninjs, its HTTP behaviour, and how it is found.
import { describe, expect, it } from 'vitest';
import seed from '../../content/articles/sco-digital-link.txt?raw';
import { strongEtag } from '../../src/shared/etag.ts';
import { faultySite } from './fault-site.ts';
import { wireCopy } from './test-site.ts';
import { get, origin, textsOf } from './worker-client.ts';

const ninjsPath = '/articles/sco-digital-link.ninjs.json';
const seedLines = seed.split('\n');

describe('the seed article as IPTC ninjs', () => {
  it('answers 200 with JSON, a strong ETag from the bytes, Last-Modified, cache headers and CORS', async () => {
    const response = await get(ninjsPath);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    const body = await response.text();
    expect(response.headers.get('ETag')).toBe(await strongEtag(body));
    expect(response.headers.get('Last-Modified')).toBe('Tue, 15 Jul 2025 16:00:00 GMT');
    expect(response.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+, s-maxage=\d+/);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it("carries the editor, responsible editor, source and copyright notice in ninjs's own fields", async () => {
    const document = (await (await get(ninjsPath)).json()) as Record<string, unknown>;
    expect(document.uri).toBe(`${origin}/articles/sco-digital-link`);
    expect(document.standard).toEqual({
      name: 'ninjs',
      version: '3.1',
      schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#',
    });
    expect(document.pubStatus).toBe('usable');
    expect(document.headlines).toEqual([{ role: 'main', contentType: 'text/plain', value: seedLines[0] }]);
    expect(document.people).toEqual([
      { name: 'Yi Yi', rel: 'editor' },
      { name: 'Li Nian', rel: 'responsibleEditor' },
    ]);
    expect((document.infoSources as unknown[])[0]).toEqual({
      name: 'www.news.cn',
      role: 'source',
      uri: 'https://www.news.cn/',
    });
    expect(document.copyrightNotice).toBe(seedLines[5]?.trimEnd());
    expect((document.bodies as { value: string }[])[0]?.value).toBe(seedLines[2]);
  });

  it('answers 304 with no body to its ETag and to If-Modified-Since, keeping validators and CORS', async () => {
    const first = await get(ninjsPath);
    const etag = first.headers.get('ETag') ?? '';
    const again = await get(ninjsPath, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    let checked = 0;
    for (const name of ['ETag', 'Last-Modified', 'Cache-Control', 'Access-Control-Allow-Origin']) {
      expect(again.headers.get(name), name).toBe(first.headers.get(name));
      checked++;
    }
    expect(checked).toBe(4);
    const since = await get(ninjsPath, { headers: { 'If-Modified-Since': first.headers.get('Last-Modified') ?? '' } });
    expect(since.status).toBe(304);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const full = await get(ninjsPath);
    const head = await get(ninjsPath, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('ETag')).toBe(full.headers.get('ETag'));
    expect(head.headers.get('Content-Type')).toBe(full.headers.get('Content-Type'));
  });

  it('answers a CORS preflight', async () => {
    const response = await get(ninjsPath, {
      method: 'OPTIONS',
      headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('GET');
  });

  it('is served from the edge cache on a repeat request', async () => {
    await get(ninjsPath);
    const again = await get(ninjsPath);
    expect(again.headers.get('X-Cache')).toBe('HIT');
  });
});

describe('addresses that are not an article', () => {
  it('answers an unknown slug with a 404 page', async () => {
    const response = await get('/articles/no-such-article.ninjs.json');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
  });

  it.each([
    '/articles/Sco-Digital-Link.ninjs.json',
    '/articles/sco.digital.ninjs.json',
    '/articles/-sco.ninjs.json',
    '/articles/.ninjs.json',
    '/articles/sco-digital-link.ninjs.json.json',
    '/articles/sco-digital-link.NINJS.json',
  ])('answers the malformed %s with 404, never a 500', async (path) => {
    expect((await get(path)).status).toBe(404);
  });

  it('answers an encoded slash with 400 and encoded dots in the name with 404', async () => {
    expect((await get('/articles/%2e%2e.ninjs.json')).status).toBe(404);
    expect((await get('/articles/%2F.ninjs.json')).status).toBe(400);
  });

  it('refuses OPTIONS on a malformed ninjs address as on a page', async () => {
    expect((await get('/articles/Bad.ninjs.json', { method: 'OPTIONS' })).status).toBe(405);
  });
});

describe('discovery', () => {
  it('the article page links it as an alternate, and its Link header adds it to the canonical, in 200 and 304', async () => {
    const page = await get('/articles/sco-digital-link');
    const html = await page.text();
    expect(html).toContain(
      `<link rel="alternate" type="application/json" href="${origin}${ninjsPath}" title="IPTC ninjs">`,
    );
    const newsml = `<${origin}/articles/sco-digital-link.newsml.xml>; rel="alternate"; type="application/vnd.iptc.g2.newsitem+xml"`;
    const link = `<https://www.news.cn/>; rel="canonical", <${origin}${ninjsPath}>; rel="alternate"; type="application/json", ${newsml}`;
    expect(page.headers.get('Link')).toBe(link);
    const again = await get('/articles/sco-digital-link', {
      headers: { 'If-None-Match': page.headers.get('ETag') ?? '' },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('Link')).toBe(link);
    expect(await textsOf(html, 'h1')).toEqual([seedLines[0]]);
  });

  it('JSON Feed items carry _wirefeed.ninjs, and that address answers', async () => {
    const feed = (await (await get('/feed.json')).json()) as { items: { _wirefeed: { ninjs: string } }[] };
    const url = feed.items[0]?._wirefeed.ninjs ?? '';
    expect(url).toBe(`${origin}${ninjsPath}`);
    expect((await get(url.slice(origin.length))).status).toBe(200);
  });
});

describe('storage reads', () => {
  it('a cold ninjs request reads the slug shard and its piece; the page then reads only its own piece', async () => {
    const articles = Array.from({ length: 12 }, (_, index) =>
      wireCopy(`reads-${index}.txt`, `Reads ${index}\n2025-07-${10 + index}\nBody ${index}.\nSource:www.news.cn\n`),
    );
    // This content (and so every cache key) is only this test's: both requests are cold.
    const site = await faultySite(articles);
    const entry = site.state.articles.get('reads-3');
    const shard = site.root.shards[0];
    if (entry === undefined || shard === undefined) throw new Error('no entry');
    const ninjs = await site.fetch('/articles/reads-3.ninjs.json');
    expect(ninjs.status).toBe(200);
    expect(site.reads).toEqual([`${shard.o}@${shard.at}`, `${entry[3]}@${entry[4] + (entry[5][0] ?? 0)}`]);
    const page = await site.fetch('/articles/reads-3');
    expect(page.status).toBe(200);
    expect(site.reads.slice(2)).toEqual([`${entry[3]}@${entry[4]}`]);
    expect(await page.text()).not.toContain('"pubStatus"');
  });
});
