// Every route of SPEC through the Worker entry inside workerd, with the seed article as content.
import { describe, expect, it } from 'vitest';
import seed from '../../content/articles/sco-digital-link.txt?raw';
import { get, origin, parseXml, textsOf } from './worker-client.ts';

const seedLines = seed.split('\n');
const seedTitle = seedLines[0];
const seedBody = seedLines[2];
const seedPath = '/articles/sco-digital-link';

describe('routes', () => {
  it.each([
    ['/', 'text/html; charset=utf-8'],
    [seedPath, 'text/html; charset=utf-8'],
    ['/rss.xml', 'application/rss+xml; charset=utf-8'],
    ['/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/feed.json', 'application/feed+json; charset=utf-8'],
    ['/sitemap.xml', 'application/xml; charset=utf-8'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
  ])('GET %s answers 200 with %s', async (path, contentType) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(contentType);
    expect((await response.text()).length).toBeGreaterThan(0);
  });

  it('answers an unknown slug with a 404 page', async () => {
    const response = await get('/articles/no-such-article');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(await textsOf(await response.text(), 'h1')).toHaveLength(1);
  });

  it('answers an unknown path with a 404 page', async () => {
    expect((await get('/nope')).status).toBe(404);
  });

  it('answers POST with 405 and an Allow header', async () => {
    const response = await get('/rss.xml', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toContain('GET');
    expect(response.headers.get('Allow')).toContain('HEAD');
  });

  it('answers a page past the last with 404 and a malformed page with 400', async () => {
    expect((await get('/rss.xml?page=2')).status).toBe(404);
    expect((await get('/?page=abc')).status).toBe(400);
  });
});

describe('the seed article, byte-exact in every representation', () => {
  it('keeps title and body exact in the HTML page', async () => {
    const html = await (await get(seedPath)).text();
    expect(await textsOf(html, 'h1')).toEqual([seedTitle]);
    expect(await textsOf(html, '.article-body p')).toEqual([seedBody]);
  });

  it('keeps title and body exact in RSS', async () => {
    const rss = parseXml(await (await get('/rss.xml')).text()) as {
      rss: { channel: { item: { title: string; 'content:encoded': string }[] } };
    };
    const [item] = rss.rss.channel.item;
    expect(item?.title).toBe(seedTitle);
    expect(await textsOf(item?.['content:encoded'] ?? '', 'p:not([class])')).toEqual([seedBody]);
  });

  it('keeps title and body exact in Atom', async () => {
    const atom = parseXml(await (await get('/atom.xml')).text()) as {
      feed: { entry: { title: { '#text': string }; content: { '#text': string } }[] };
    };
    const [entry] = atom.feed.entry;
    expect(entry?.title['#text']).toBe(seedTitle);
    expect(await textsOf(entry?.content['#text'] ?? '', 'p:not([class])')).toEqual([seedBody]);
  });

  it('keeps title and body exact in JSON Feed', async () => {
    const feed = (await (await get('/feed.json')).json()) as { items: { title: string; content_text: string }[] };
    expect(feed.items[0]?.title).toBe(seedTitle);
    expect(feed.items[0]?.content_text).toBe(seedBody);
  });

  it('lists the seed in the index, the sitemap and robots.txt', async () => {
    const index = await (await get('/')).text();
    expect(await textsOf(index, 'main h2 a')).toContain(seedTitle);
    const sitemap = parseXml(await (await get('/sitemap.xml')).text()) as { urlset: { url: { loc: string }[] } };
    expect(sitemap.urlset.url.map((url) => url.loc)).toContain(`${origin}${seedPath}`);
    expect(await (await get('/robots.txt')).text()).toContain(`Sitemap: ${origin}/sitemap.xml`);
  });
});
