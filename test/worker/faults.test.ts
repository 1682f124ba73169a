// Faults in storage, in the edge cache and in the code version never become bytes that are served or cached.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { offsetInBlock } from '../../src/archive/block.ts';
import { encodeRecordBytes } from '../../src/archive/record-file.ts';
import type { PieceRef, StoredList } from '../../src/archive/root.ts';
import { shardOf } from '../../src/archive/shard.ts';
import { defaultArticleBounds, fieldSizeProblems } from '../../src/content/article-bounds.ts';
import { parseMarkdownArticle } from '../../src/content/markdown-article.ts';
import { deflateRaw } from '../../src/shared/deflate.ts';
import { decodeHeaderValue } from '../../src/shared/header-value.ts';
import { stories } from '../support/articles.ts';
import { testOrigin, testSite } from '../support/sites.ts';
import { faultySite, wrapEdgeCache } from './fault-site.ts';
import { wireCopy } from './test-site.ts';
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

/** The site list of the first release state. */
function siteList(root: { states: readonly { lists: Readonly<Record<string, StoredList>> }[] }): StoredList {
  const list = root.states[0]?.lists.site;
  if (list === undefined) throw new Error('no site list');
  return list;
}

const listPaths = ['/', '/rss.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/rss.xml?page=2'];

describe('the version covers the Worker code', () => {
  it('changes every list ETag and cache key when the code changes, and nothing when it does not', async () => {
    const articles = stories(25, 'code');
    const seen = async (codeVersion: string) => {
      const cache = await edge();
      const { fetch } = await faultySite(articles, { codeVersion });
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
    expect(changed.etags).toHaveLength(listPaths.length);
    for (const [index, etag] of changed.etags.entries()) expect(etag, listPaths[index]).not.toBe(before.etags[index]);
    for (const key of changed.keys) expect(before.keys).not.toContain(key);
  });

  it('does not answer 304 to the old code version ETag', async () => {
    const articles = stories(3, 'poll');
    const old = await faultySite(articles, { codeVersion: 'a' });
    const etag = (await old.fetch('/rss.xml')).headers.get('ETag') ?? '';
    const fresh = await faultySite(articles, { codeVersion: 'b' });
    expect((await fresh.fetch('/rss.xml', { headers: { 'If-None-Match': etag } })).status).toBe(200);
  });
});

describe('a damaged piece is a 503, never served or cached', () => {
  /** Rewrites bytes inside the piece's range of its object. */
  const within = (ref: PieceRef, change: (piece: Uint8Array) => Uint8Array) => (stored: Uint8Array) => {
    const piece = change(stored.slice(ref.at, ref.at + ref.n));
    const bytes = new Uint8Array(ref.at + piece.length + (stored.length - ref.at - ref.n));
    bytes.set(stored.subarray(0, ref.at));
    bytes.set(piece, ref.at);
    bytes.set(stored.subarray(ref.at + ref.n), ref.at + piece.length);
    return bytes;
  };
  const damages: readonly (readonly [
    string,
    (ref: PieceRef) => (stored: Uint8Array) => Uint8Array | Promise<Uint8Array>,
  ])[] = [
    ['cut short', () => (stored) => stored.slice(0, -10)],
    ['zeroed in the middle', (ref) => within(ref, (piece) => piece.fill(0, piece.length >> 2, piece.length >> 1))],
    [
      'replaced by a valid piece with no entries',
      (ref) => async (stored) => {
        const empty = await deflateRaw(encodeRecordBytes([]));
        return within(ref, () => empty)(stored);
      },
    ],
  ];
  it.each(damages)(
    'answers 503 for page 1 of a feed whose head is %s, caches nothing, and serves it once repaired',
    async (_, damaged) => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const cache = await edge();
      const site = await faultySite(stories(45, 'head'));
      const ref = siteList(site.root).head?.rss as PieceRef;
      const change = damaged(ref);
      const { repair } = await site.damage(ref, (stored) => change(stored) as Uint8Array);
      expectUnavailable(await site.fetch('/rss.xml'));
      expectUnavailable(await site.fetch('/rss.xml'));
      expect(cache.keys).toEqual([]);
      await repair();
      const repaired = await site.fetch('/rss.xml');
      expect(repaired.status).toBe(200);
      expect(rssItems(await repaired.text())).toHaveLength(20);
    },
  );

  it('answers 503 for a deep page whose spine piece is damaged, and serves it once repaired', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const site = await faultySite(stories(45, 'spine'));
    const ref = siteList(site.root).spine[0] as PieceRef;
    const { repair } = await site.damage(ref, (stored) => within(ref, (piece) => piece.fill(7, 2, 40))(stored));
    expectUnavailable(await site.fetch('/rss.xml?page=2'));
    await repair();
    expect(rssItems(await (await site.fetch('/rss.xml?page=2')).text())).toHaveLength(20);
  });

  it('answers 503 for an article whose stored headers are null, and does not keep it in memory', async () => {
    const articles = stories(3, 'nullheaders');
    const site = await faultySite(articles);
    const slug = articles[0]?.slug ?? '';
    const entry = site.state.articles.get(slug);
    if (entry === undefined) throw new Error('no entry');
    const ref = { o: entry[3], at: entry[4] + offsetInBlock(entry[5], 0), n: entry[5][0] ?? 0, h: '' };
    const broken = await deflateRaw(
      encodeRecordBytes([{ meta: [slug, null], bytes: new TextEncoder().encode('<p>x</p>') }]),
    );
    const { repair } = await site.damage(
      ref,
      within(ref, () => broken),
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expectUnavailable(await site.fetch(`/articles/${slug}`));
    await repair();
    const repaired = await site.fetch(`/articles/${slug}`);
    expect(repaired.status).toBe(200);
    expect(repaired.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(repaired.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect(repaired.headers.get('X-Source')).toBe('www.news.cn');
  });
});

describe('a missing object is a logged 503, not a 404', () => {
  it('answers 503 with Retry-After for an article whose object is missing, logging it once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const articles = stories(3, 'object-missing');
    const site = await faultySite(articles);
    const slug = articles[0]?.slug ?? '';
    const entry = site.state.articles.get(slug);
    if (entry === undefined) throw new Error('no entry');
    await site.damage({ o: entry[3] });
    for (let attempt = 0; attempt < 3; attempt++) expectUnavailable(await site.fetch(`/articles/${slug}`));
    const lines = errors.mock.calls.map((call) => call.join(' ')).filter((line) => line.includes(entry[3]));
    expect(lines).toHaveLength(1);
  });

  it('answers 503 for any slug of a missing shard, and still 404 for a slug of a whole one', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const whole = await faultySite(stories(3, 'shard-whole'));
    expect((await whole.fetch('/articles/no-such-story')).status).toBe(404);
    const site = await faultySite(stories(3, 'shard-missing'));
    const shard = site.root.shards[shardOf('no-such-story', site.root.shards.length)] as PieceRef;
    await site.damage(shard);
    // Every slug of that shard, an unknown one too: the archive cannot say it is not there.
    expectUnavailable(await site.fetch('/articles/no-such-story'));
    expectUnavailable(await site.fetch('/articles/shard-missing-1'));
  });

  it('answers 503 for a missing head of a feed and a missing sitemap', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const site = await faultySite(stories(3, 'missing-list'));
    await site.damage(siteList(site.root).head?.atom as PieceRef);
    await site.damage(site.root.states[0]?.sitemaps?.parts[0] as PieceRef);
    expectUnavailable(await site.fetch('/atom.xml'));
    expectUnavailable(await site.fetch('/sitemap.xml'));
  });

  it('answers 503 for a section whose head is missing or damaged, never a 500', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const site = await faultySite(stories(3, 'section-fault'));
    const section = site.root.states[0]?.lists['source:www.news.cn'];
    if (section?.head === undefined) throw new Error('no source section');
    await site.damage(section.head.rss);
    expectUnavailable(await site.fetch('/sources/www.news.cn/rss.xml'));
    const atom = section.head.atom;
    await site.damage(atom, (stored) => stored.fill(1, atom.at, atom.at + atom.n));
    expectUnavailable(await site.fetch('/sources/www.news.cn/atom.xml'));
  });
});

describe('the edge cache never fails a request or pins a bad entry', () => {
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
    const site = await faultySite(stories(3, 'bad-hit'));
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await site.fetch('/rss.xml');
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8');
      expect(response.headers.get('ETag')).toMatch(/^"[^"]+-rss-1"$/);
      expect(rssItems(await response.text())).toHaveLength(3);
    }
    const head = siteList(site.root).head?.rss as PieceRef;
    expect(site.reads.filter((read) => read === `${head.o}@${head.at}`)).toHaveLength(1);
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

describe('attribution headers stay bounded', () => {
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
    // Cut, but never below 300 characters: the two 1,200-character editors take their share of the head first.
    expect(Array.from(decoded).length).toBeGreaterThanOrEqual(300);
    expect(Array.from(decoded).length).toBeLessThan(Array.from(copyright).length);
    expect(decoded.endsWith('…')).toBe(true);
    expect(copyright.startsWith(decoded.slice(0, -1))).toBe(true);
    expect(decodeHeaderValue(response.headers.get('X-Editor') ?? '').endsWith('…')).toBe(true);
    const page = await response.text();
    expect(page).toContain(copyright.slice(-60));
  });

  it('still sends every header in under 8 KiB for the largest article the build accepts', async () => {
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

describe('other Host headers do not fragment the caches', () => {
  it('keys every Host under the configured baseUrl origin', async () => {
    const cache = await edge();
    const site = await faultySite(stories(3, 'hosts'));
    for (let index = 0; index < 20; index++) {
      expect((await site.fetch('/rss.xml', undefined, `https://h${index}-${'x'.repeat(200)}.example`)).status).toBe(
        200,
      );
    }
    expect(new Set(cache.keys)).toEqual(new Set([`${testOrigin}/rss.xml?__v=${cache.keys[0]?.split('__v=')[1]}`]));
    const head = siteList(site.root).head?.rss as PieceRef;
    expect(site.reads.filter((read) => read === `${head.o}@${head.at}`)).toHaveLength(1);
  });
});
