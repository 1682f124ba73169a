// The HTTP layer through the app inside workerd: validators, 304s, edge cache, methods, CORS, security headers.
import { describe, expect, it } from 'vitest';
import { serveSite, wireCopy } from './test-site.ts';
import { get, origin, parseXml } from './worker-client.ts';

const seedPath = '/articles/sco-digital-link';

const chinese = wireCopy(
  'zh-wire.txt',
  '数字丝绸之路\n2025-07-16 09:30\n上海合作组织国家正在加强数字经济合作。\n编辑：张三　责任编辑：李念\n来源：www.news.cn\n特别声明：本站转载内容版权归原作者所有。\n',
);

describe('validators', () => {
  it('sends a strong ETag, Last-Modified and Cache-Control on every 200', async () => {
    let checked = 0;
    for (const path of ['/', seedPath, '/rss.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/robots.txt']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('ETag'), path).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(response.headers.get('Last-Modified'), path).toMatch(
        /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
      );
      expect(response.headers.get('Cache-Control'), path).toMatch(
        /^public, max-age=\d+, s-maxage=\d+, stale-while-revalidate=\d+$/,
      );
      checked++;
    }
    expect(checked).toBe(7);
  });

  it('dates the seed page with the seed (Beijing midnight), not the clock', async () => {
    expect((await get(seedPath)).headers.get('Last-Modified')).toBe('Tue, 15 Jul 2025 16:00:00 GMT');
  });

  it('answers 304 with no body, keeping validators, cache and attribution headers, when If-None-Match matches', async () => {
    const first = await get(seedPath);
    const etag = first.headers.get('ETag') ?? '';
    const again = await get(seedPath, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    let checked = 0;
    for (const name of [
      'ETag',
      'Last-Modified',
      'Cache-Control',
      'Link',
      'X-Source',
      'X-Source-URL',
      'X-Editor',
      'X-Responsible-Editor',
      'X-Copyright',
    ]) {
      expect(again.headers.get(name), name).toBe(first.headers.get(name));
      checked++;
    }
    expect(checked).toBe(9);
  });

  it.each([
    ['a list holding the ETag', (etag: string) => `"nope", ${etag}, "other"`],
    ['the weak form of the ETag', (etag: string) => `W/${etag}`],
    ['a star', () => '*'],
  ])('answers 304 to If-None-Match with %s', async (_, header) => {
    const etag = (await get('/rss.xml')).headers.get('ETag') ?? '';
    expect((await get('/rss.xml', { headers: { 'If-None-Match': header(etag) } })).status).toBe(304);
  });

  it('answers 200 when If-None-Match does not match, even with a later If-Modified-Since', async () => {
    const response = await get('/rss.xml', {
      headers: { 'If-None-Match': '"stale"', 'If-Modified-Since': 'Fri, 01 Jan 2100 00:00:00 GMT' },
    });
    expect(response.status).toBe(200);
  });

  it('answers If-Modified-Since by the Last-Modified date when there is no If-None-Match', async () => {
    const lastModified = (await get('/feed.json')).headers.get('Last-Modified') ?? '';
    expect((await get('/feed.json', { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    expect(
      (await get('/feed.json', { headers: { 'If-Modified-Since': 'Mon, 01 Jan 2024 00:00:00 GMT' } })).status,
    ).toBe(200);
    expect((await get('/feed.json', { headers: { 'If-Modified-Since': 'garbage' } })).status).toBe(200);
  });

  it('answers HEAD with the GET headers and no body', async () => {
    const getResponse = await get(seedPath);
    const head = await get(seedPath, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    let checked = 0;
    for (const name of ['ETag', 'Content-Type', 'Last-Modified', 'X-Editor', 'Content-Security-Policy']) {
      expect(head.headers.get(name), name).toBe(getResponse.headers.get(name));
      checked++;
    }
    expect(checked).toBe(5);
  });
});

describe('attribution headers', () => {
  it('carries the seed article attribution exactly as SPEC shows it', async () => {
    const headers = (await get(seedPath)).headers;
    expect(headers.get('Link')).toBe(
      '<https://www.news.cn/>; rel="canonical", ' +
        `<${origin}/articles/sco-digital-link.ninjs.json>; rel="alternate"; type="application/json", ` +
        `<${origin}/articles/sco-digital-link.newsml.xml>; rel="alternate"; type="application/vnd.iptc.g2.newsitem+xml"`,
    );
    expect(headers.get('X-Source')).toBe('www.news.cn');
    expect(headers.get('X-Source-URL')).toBe('https://www.news.cn/');
    expect(headers.get('X-Editor')).toBe('Yi Yi');
    expect(headers.get('X-Responsible-Editor')).toBe('Li Nian');
    expect(headers.get('X-Copyright')).toMatch(
      /^Special statement: if the pictures and texts .*lwxsd@liaowanghn\.com$/,
    );
  });

  it('sends Chinese metadata as RFC 8187 UTF-8 ext-values', async () => {
    const { fetch } = await serveSite([chinese]);
    const headers = (await fetch('/articles/zh-wire')).headers;
    expect(headers.get('X-Editor')).toBe(`UTF-8''${encodeURIComponent('张三')}`);
    expect(decodeURIComponent((headers.get('X-Responsible-Editor') ?? '').replace("UTF-8''", ''))).toBe('李念');
    expect(decodeURIComponent((headers.get('X-Copyright') ?? '').replace("UTF-8''", ''))).toBe(
      '特别声明：本站转载内容版权归原作者所有。',
    );
  });
});

describe('edge cache', () => {
  it('serves a repeat request from the Cache API without rendering again', async () => {
    const { fetch } = await serveSite([chinese]);
    const first = await fetch('/rss.xml');
    const again = await fetch('/rss.xml');
    expect(first.headers.get('X-Cache')).toBe('MISS');
    expect(again.headers.get('X-Cache')).toBe('HIT');
    expect(await again.text()).toBe(await first.text());
  });

  it('serves another isolate (a fresh app, empty memory) from the edge cache', async () => {
    const article = wireCopy('isolates.txt', 'Two isolates\n2025-07-18\nOnly this test serves this article.\n');
    const first = await serveSite([article]);
    expect((await first.fetch('/articles/isolates')).headers.get('X-Cache')).toBe('MISS');
    const other = await serveSite([article]);
    const response = await other.fetch('/articles/isolates');
    expect(response.headers.get('X-Cache')).toBe('HIT');
    expect(await response.text()).toBe(await (await first.fetch('/articles/isolates')).text());
  });

  it('answers a conditional request from memory with a 304', async () => {
    const { fetch } = await serveSite([chinese]);
    const etag = (await fetch('/articles/zh-wire')).headers.get('ETag') ?? '';
    const again = await fetch('/articles/zh-wire', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('X-Editor')).toBe(`UTF-8''${encodeURIComponent('张三')}`);
  });

  it('neither fragments the cache nor fails on tracking and unknown parameters', async () => {
    const { fetch } = await serveSite([chinese]);
    await fetch('/atom.xml');
    const tracked = await fetch('/atom.xml?utm_source=newsletter&utm_medium=email&foo=bar');
    expect(tracked.status).toBe(200);
    expect(tracked.headers.get('X-Cache')).toBe('HIT');
  });

  it('never serves the old bytes after a deploy with changed content', async () => {
    const before = await serveSite([chinese]);
    await before.fetch('/feed.json');
    expect((await before.fetch('/feed.json')).headers.get('X-Cache')).toBe('HIT');
    const edited = wireCopy('zh-wire.txt', '数字丝绸之路（更新）\n2025-07-16 09:30\n正文已更新。\n');
    const after = await serveSite([edited]);
    expect(after.rootHash).not.toBe(before.rootHash);
    const response = await after.fetch('/feed.json');
    expect(response.headers.get('X-Cache')).toBe('MISS');
    expect(((await response.json()) as { items: { title: string }[] }).items[0]?.title).toBe('数字丝绸之路（更新）');
  });
});

describe('methods, CORS and security headers', () => {
  it('lets any origin read the feeds and the sitemap', async () => {
    let checked = 0;
    for (const path of ['/rss.xml', '/atom.xml', '/feed.json', '/sitemap.xml']) {
      expect((await get(path)).headers.get('Access-Control-Allow-Origin'), path).toBe('*');
      checked++;
    }
    expect(checked).toBe(4);
  });

  it('answers a CORS preflight on a feed', async () => {
    const response = await get('/feed.json', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://reader.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'if-none-match',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Access-Control-Allow-Headers')).toContain('If-None-Match');
  });

  it('answers OPTIONS on an HTML page with 405', async () => {
    const response = await get('/', { method: 'OPTIONS' });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, HEAD');
  });

  it('sends a strict CSP, nosniff and a referrer policy with HTML', async () => {
    const headers = (await get(seedPath)).headers;
    expect(headers.get('Content-Security-Policy')).toMatch(/default-src 'none'/);
    expect(headers.get('Content-Security-Policy')).toMatch(/frame-ancestors 'none'/);
    expect(headers.get('Content-Security-Policy')).not.toMatch(/unsafe-inline/);
    expect(headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(headers.get('Referrer-Policy')).toBeTruthy();
  });
});

describe('a source known only by name', () => {
  const named = wireCopy(
    'named-source.txt',
    '新华社电讯\n2025-07-17 10:15\n论坛在天津举行。\n编辑：王五　责任编辑：赵六\n来源：新华社\n',
  );

  it('is credited by name in X-Source, with no X-Source-URL and the page itself as canonical', async () => {
    const { fetch } = await serveSite([named]);
    const headers = (await fetch('/articles/named-source')).headers;
    expect(headers.get('X-Source')).toBe(`UTF-8''${encodeURIComponent('新华社')}`);
    expect(headers.get('X-Source-URL')).toBeNull();
    expect(headers.get('Link')).toBe(
      '<https://wire.example/articles/named-source>; rel="canonical", ' +
        '<https://wire.example/articles/named-source.ninjs.json>; rel="alternate"; type="application/json", ' +
        '<https://wire.example/articles/named-source.newsml.xml>; rel="alternate"; type="application/vnd.iptc.g2.newsitem+xml"',
    );
  });

  it('travels as dc:source in RSS, atom:source in Atom and _wirefeed.source in JSON Feed', async () => {
    const { fetch } = await serveSite([named]);
    const rss = parseXml(await (await fetch('/rss.xml')).text()) as {
      rss: { channel: { item: { 'dc:source': string; source?: unknown }[] } };
    };
    expect(rss.rss.channel.item[0]?.['dc:source']).toBe('新华社');
    expect(rss.rss.channel.item[0]?.source).toBeUndefined();
    const atom = parseXml(await (await fetch('/atom.xml')).text()) as {
      feed: { entry: { source: { title: string } }[] };
    };
    expect(atom.feed.entry[0]?.source.title).toBe('新华社');
    const json = (await (await fetch('/feed.json')).json()) as { items: { _wirefeed: { source: unknown } }[] };
    expect(json.items[0]?._wirefeed.source).toEqual({ name: '新华社' });
  });
});
