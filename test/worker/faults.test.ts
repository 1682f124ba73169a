// Issue 11: faults in storage, in the edge cache and in the code version never become bytes that are served or cached.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { articlePackPath, packOf } from '../../src/archive/layout.ts';
import type { PackedArticle } from '../../src/archive/manifest.ts';
import { sectionChunkPath, sectionHeadPath } from '../../src/archive/section-layout.ts';
import { defaultArticleBounds, fieldSizeProblems } from '../../src/content/article-bounds.ts';
import { parseMarkdownArticle } from '../../src/content/markdown-article.ts';
import { decodeHeaderValue } from '../../src/shared/header-value.ts';
import { edgeCacheKey } from '../../src/worker/http/edge-cache.ts';
import { decodeRecords, encodeRecords } from '../stored-records.ts';
import { faultySite, stories, wrapEdgeCache } from './fault-site.ts';
import { testOrigin, testSite, wireCopy } from './test-site.ts';
import { parseXml } from './worker-client.ts';

let restore: (() => unknown) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
  vi.restoreAllMocks();
});

async function edge(overrides: Parameters<typeof wrapEdgeCache>[0] = {}) {
  const wrapped = await wrapEdgeCache(overrides);
  restore = wrapped.restore;
  return wrapped;
}

function rssItems(xml: string): unknown[] {
  return (parseXml(xml) as { rss: { channel: { item?: unknown[] } } }).rss.channel.item ?? [];
}

/** What a storage fault must look like to a client: 503, Retry-After, never stored anywhere. */
function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get('Retry-After')).toBe('60');
  expect(response.headers.get('Cache-Control')).toBe('no-store');
  expect(response.headers.get('ETag')).toBeNull();
}

const listPaths = ['/', '/rss.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/rss.xml?page=2'];

describe('1. the version covers the Worker code', () => {
  it('changes every list ETag and cache key when the code changes, and nothing when it does not', async () => {
    const articles = stories(25, 'code');
    const seen = async (codeHash: string) => {
      const cache = await edge();
      const { fetch } = await faultySite(articles, { codeHash });
      const etags: (string | null)[] = [];
      for (const path of listPaths) etags.push((await fetch(path)).headers.get('ETag'));
      cache.restore();
      return { etags, keys: cache.keys };
    };
    const before = await seen('renderer-a');
    const again = await seen('renderer-a');
    const changed = await seen('renderer-b');
    expect(again).toEqual(before);
    expect(before.keys).toHaveLength(listPaths.length);
    for (const [index, etag] of changed.etags.entries()) expect(etag, listPaths[index]).not.toBe(before.etags[index]);
    for (const key of changed.keys) expect(before.keys).not.toContain(key);
  });

  it('does not answer 304 to the old code version ETag', async () => {
    const articles = stories(3, 'poll');
    const old = await faultySite(articles, { codeHash: 'a' });
    const etag = (await old.fetch('/rss.xml')).headers.get('ETag') ?? '';
    const fresh = await faultySite(articles, { codeHash: 'b' });
    expect((await fresh.fetch('/rss.xml', { headers: { 'If-None-Match': etag } })).status).toBe(200);
  });
});

describe('3. wrong-shape stored data is a 503, never served or cached', () => {
  it.each([
    ['holding []', () => '[]\n'],
    ['with a valid checksum but no entries', () => encodeRecords([])],
    ['truncated', (file: string) => file.slice(0, -10)],
    [
      'with a block of an item overwritten',
      (file: string) => {
        const start = file.indexOf('<item>') + 6;
        return `${file.slice(0, start)}${'x'.repeat(100)}${file.slice(start + 100)}`;
      },
    ],
  ])('answers 503 for a list chunk %s, caches nothing, and serves the right page once repaired', async (_, corrupt) => {
    const cache = await edge();
    const { fetch, files, manifest } = await faultySite(stories(45, 'chunk'), { site: undefined });
    const good = files.get('lists/rss/1.json') ?? '';
    files.set('lists/rss/1.json', corrupt(good));
    expectUnavailable(await fetch('/rss.xml?page=2'));
    expectUnavailable(await fetch('/rss.xml?page=2'));
    expect(cache.keys).toEqual([]);
    expect(await cache.inner.match(edgeCacheKey(testOrigin, '/rss.xml?page=2', manifest.version))).toBeUndefined();
    files.set('lists/rss/1.json', good);
    const repaired = await fetch('/rss.xml?page=2');
    expect(repaired.status).toBe(200);
    expect(rssItems(await repaired.text())).toHaveLength(20);
  });

  it('answers 503 for a pack whose headers are null, and does not keep it in memory', async () => {
    const articles = stories(3, 'nullheaders');
    const { fetch, files, manifest } = await faultySite(articles);
    const slug = articles[0]?.slug ?? '';
    const path = articlePackPath(packOf(slug, manifest.packCount));
    const good = files.get(path) ?? '';
    const broken = decodeRecords<PackedArticle>(good).map((record) => ({
      meta: [record.meta[0], null],
      text: record.text,
    }));
    files.set(path, encodeRecords(broken));
    expectUnavailable(await fetch(`/articles/${slug}`));
    files.set(path, good);
    const repaired = await fetch(`/articles/${slug}`);
    expect(repaired.status).toBe(200);
    expect(repaired.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(repaired.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(repaired.headers.get('X-Source')).toBe('www.news.cn');
  });
});

describe('4. a storage fault is a logged 503, not a 404', () => {
  it.each([
    ['missing', undefined],
    ['empty', ''],
  ])('answers 503 with Retry-After for every article of a %s pack, logging the file once', async (_, content) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const articles = stories(3, `pack-${content === undefined ? 'missing' : 'empty'}`);
    const { fetch, files, manifest } = await faultySite(articles);
    const slug = articles[0]?.slug ?? '';
    const path = articlePackPath(packOf(slug, manifest.packCount));
    if (content === undefined) files.delete(path);
    else files.set(path, content);
    for (let attempt = 0; attempt < 3; attempt++) expectUnavailable(await fetch(`/articles/${slug}`));
    // Three articles share one pack: an unknown slug reads the same missing file, and is no 404 either.
    expect(manifest.packCount).toBe(1);
    expectUnavailable(await fetch('/articles/no-such-story'));
    const lines = errors.mock.calls.map((call) => call.join(' ')).filter((line) => line.includes(path));
    expect(lines).toHaveLength(1);
  });

  it('still answers 404 for a slug that is not in a whole pack', async () => {
    const { fetch } = await faultySite(stories(3, 'whole'));
    const response = await fetch('/articles/no-such-story');
    expect(response.status).toBe(404);
  });

  it('answers 503 for a missing list chunk and a missing sitemap', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { fetch, files } = await faultySite(stories(3, 'missing-list'));
    files.delete('lists/atom/0.json');
    files.delete('sitemaps/1.xml');
    expectUnavailable(await fetch('/atom.xml'));
    expectUnavailable(await fetch('/sitemap.xml'));
  });
});

describe('3b. section files are checked like the site lists', () => {
  it('answers 503 for a missing or corrupt section chunk and a corrupt section head, never a 500', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { fetch, files } = await faultySite(stories(3, 'section-fault'));
    const chunk = sectionChunkPath('source', 'www.news.cn', 0);
    expect(files.has(chunk)).toBe(true);
    files.delete(chunk);
    expectUnavailable(await fetch('/sources/www.news.cn/rss.xml'));
    files.set(chunk, 'not a chunk');
    expectUnavailable(await fetch('/sources/www.news.cn/atom.xml'));
    files.set(sectionHeadPath('source', 'www.news.cn'), '{broken');
    expectUnavailable(await fetch('/sources/www.news.cn/feed.json'));
  });
});

describe('5. the edge cache never fails a request or pins a bad entry', () => {
  it('serves from storage when put throws synchronously', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await edge({
      put: () => {
        throw new TypeError('put exploded');
      },
    });
    const { fetch } = await faultySite(stories(3, 'sync-put'));
    const response = await fetch('/rss.xml');
    expect(response.status).toBe(200);
    expect(rssItems(await response.text())).toHaveLength(3);
  });

  it('serves from storage when match throws synchronously', async () => {
    await edge({
      match: () => {
        throw new TypeError('match exploded');
      },
    });
    const { fetch } = await faultySite(stories(3, 'sync-match'));
    expect((await fetch('/feed.json')).status).toBe(200);
  });

  it('serves from storage when a hit body stream errors', async () => {
    await edge({
      match: async () =>
        new Response(
          new ReadableStream({
            pull: (controller) => controller.error(new Error('stream broke')),
          }),
          { headers: { ETag: '"x"', 'Content-Type': 'application/rss+xml', 'X-Cache': 'HIT' } },
        ),
    });
    const { fetch } = await faultySite(stories(3, 'broken-body'));
    const response = await fetch('/rss.xml');
    expect(response.status).toBe(200);
    expect(rssItems(await response.text())).toHaveLength(3);
  });

  it.each([
    ['a 404', () => new Response('gone', { status: 404, headers: { ETag: '"x"', 'X-Cache': 'HIT' } })],
    ['no headers', () => new Response('<rss/>')],
  ])('treats a hit with %s as a miss and does not pin it in memory', async (_, hit) => {
    await edge({ match: async () => hit() });
    const { fetch, reads } = await faultySite(stories(3, 'bad-hit'));
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch('/rss.xml');
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8');
      expect(response.headers.get('ETag')).toMatch(/^"[^"]+-rss-1"$/);
      expect(rssItems(await response.text())).toHaveLength(3);
    }
    expect(reads.filter((path) => path.startsWith('lists/rss/'))).toHaveLength(1);
  });

  it('never replays Date, Age or CF-Cache-Status from isolate memory', async () => {
    const { fetch } = await faultySite(stories(3, 'replay'));
    const first = await fetch('/atom.xml');
    const headers = Object.fromEntries(first.headers);
    await edge({
      match: async () =>
        new Response('<feed/>', {
          headers: {
            ...headers,
            'X-Cache': 'HIT',
            Date: 'Mon, 01 Jan 2024 00:00:00 GMT',
            Age: '0',
            'CF-Cache-Status': 'HIT',
          },
        }),
    });
    const other = await faultySite(stories(3, 'replay-edge'));
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await other.fetch('/atom.xml');
      expect(response.headers.get('Age')).toBeNull();
      expect(response.headers.get('CF-Cache-Status')).toBeNull();
      expect(response.headers.get('Date')).not.toBe('Mon, 01 Jan 2024 00:00:00 GMT');
    }
  });
});

describe('6. inputs with bounds: attribution headers', () => {
  it('keeps every header of an article with long credits under 8 KiB, the full text in the page', async () => {
    const editor = '编辑'.repeat(600);
    const copyright = `Special statement: ${'All rights reserved by the original author. '.repeat(90)}`.trim();
    const article = wireCopy(
      'long-credits.txt',
      `Long credits\n2025-07-16 09:30\nThe body.\nEditor: ${editor} Responsible editor: ${editor}\nSource: www.news.cn\n${copyright}\n`,
    );
    const { fetch } = await faultySite([article]);
    const response = await fetch(`/articles/${article.slug}`);
    expect(response.status).toBe(200);
    let bytes = 0;
    for (const [name, value] of response.headers) bytes += name.length + value.length + 4;
    expect(bytes).toBeLessThan(8192);
    const decoded = decodeHeaderValue(response.headers.get('X-Copyright') ?? '');
    expect(Array.from(decoded)).toHaveLength(400);
    expect(decoded.endsWith('…')).toBe(true);
    expect(copyright.startsWith(decoded.slice(0, -1))).toBe(true);
    expect(decodeHeaderValue(response.headers.get('X-Editor') ?? '').endsWith('…')).toBe(true);
    const page = await response.text();
    expect(page).toContain(copyright.slice(-60));
  });
});

describe('8. other Host headers do not fragment the caches', () => {
  it('keys every Host under the configured baseUrl origin', async () => {
    const cache = await edge();
    const { fetch, reads } = await faultySite(stories(3, 'hosts'));
    for (let index = 0; index < 20; index++) {
      expect((await fetch('/rss.xml', undefined, `https://h${index}-${'x'.repeat(200)}.example`)).status).toBe(200);
    }
    expect(new Set(cache.keys)).toEqual(new Set([`${testOrigin}/rss.xml?__v=${cache.keys[0]?.split('__v=')[1]}`]));
    expect(reads.filter((path) => path.startsWith('lists/rss/'))).toHaveLength(1);
  });
});

describe('6. inputs with bounds: the largest article the build accepts', () => {
  it('still sends every header in under 8 KiB', async () => {
    const longUrl = `https://www.news.cn/${'a'.repeat(1990)}`;
    const field = '编'.repeat(1365);
    const text = [
      '---',
      `title: ${'T'.repeat(4000)}`,
      'date: 2025-07-16 09:30',
      `editor: ${field}`,
      `responsibleEditor: ${field}`,
      `source: ${longUrl}`,
      `copyright: ${field}`,
      `canonical: ${longUrl}`,
      '---',
      '',
      'word '.repeat(24_000),
    ].join('\n');
    const result = parseMarkdownArticle('max.md', text, testSite);
    if (!result.ok || result.draft) throw new Error(JSON.stringify(result));
    expect(fieldSizeProblems('max.md', result.article, defaultArticleBounds)).toEqual([]);
    const { fetch } = await faultySite([result.article]);
    const response = await fetch(`/articles/${result.article.slug}`);
    expect(response.status).toBe(200);
    let bytes = 0;
    for (const [name, value] of response.headers) bytes += name.length + value.length + 4;
    expect(bytes).toBeLessThan(8192);
    expect(response.headers.get('Link')).toContain(`<${longUrl}>; rel="canonical"`);
  });
});
