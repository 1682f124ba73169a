// /articles/:slug.newsml.xml through the Worker entry: the seed as an IPTC NewsML-G2 newsItem, discovered from its page.
import { describe, expect, it } from 'vitest';
import { strongEtag } from '../../src/shared/etag.ts';
import { get, origin, parseXml } from './worker-client.ts';

const newsmlPath = '/articles/sco-digital-link.newsml.xml';
const type = 'application/vnd.iptc.g2.newsitem+xml';

describe('the seed article as IPTC NewsML-G2', () => {
  it('answers 200 with its media type, a strong ETag of its bytes, Last-Modified, cache headers and CORS', async () => {
    const response = await get(newsmlPath);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(`${type}; charset=utf-8`);
    const body = await response.text();
    expect(response.headers.get('ETag')).toBe(await strongEtag(body));
    expect(response.headers.get('Last-Modified')).toBe('Tue, 15 Jul 2025 16:00:00 GMT');
    expect(response.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const item = (parseXml(body) as { newsItem: { '@guid': string; itemMeta: { itemClass: { '@qcode': string } } } })
      .newsItem;
    expect(item['@guid']).toBe(`${origin}/articles/sco-digital-link`);
    expect(item.itemMeta.itemClass['@qcode']).toBe('ninat:text');
  });

  it('answers 304 to its ETag, HEAD with no body, and a CORS preflight', async () => {
    const etag = (await get(newsmlPath)).headers.get('ETag') ?? '';
    expect((await get(newsmlPath, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const head = await get(newsmlPath, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const preflight = await get(newsmlPath, {
      method: 'OPTIONS',
      headers: { Origin: 'https://partner.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
  });

  it('is named as an alternate beside ninjs by the page, in its Link header and its head', async () => {
    const page = await get('/articles/sco-digital-link');
    const link = page.headers.get('Link') ?? '';
    expect(link).toContain(`<${origin}${newsmlPath}>; rel="alternate"; type="${type}"`);
    expect(link).toContain(
      `<${origin}/articles/sco-digital-link.ninjs.json>; rel="alternate"; type="application/json"`,
    );
    const html = await page.text();
    expect(html).toContain(
      `<link rel="alternate" type="${type}" href="${origin}${newsmlPath}" title="IPTC NewsML-G2">`,
    );
  });

  it('answers 404 for a slug that is not there, and for a name that is no slug', async () => {
    expect((await get('/articles/no-such-story.newsml.xml')).status).toBe(404);
    expect((await get('/articles/Sco.newsml.xml')).status).toBe(404);
    expect((await get('/articles/sco-digital-link.newsml.xml.json')).status).toBe(404);
  });
});
