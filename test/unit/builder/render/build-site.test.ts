import { describe, expect, it } from 'vitest';
import {
  articlePackPath,
  listChunkPath,
  newsSitemapPath,
  packCountFor,
  packOf,
  sitemapPath,
} from '../../../../src/archive/layout.ts';
import type { SiteManifest } from '../../../../src/archive/manifest.ts';
import { buildInMemory } from '../../../../src/builder/render/in-memory-site.ts';
import { parseWireCopy } from '../../../../src/content/wire-copy.ts';
import type { Article } from '../../../../src/model/article.ts';
import { kindHeaders, responseKinds } from '../../../../src/model/response-kinds.ts';
import { decodeRecords } from '../../../stored-records.ts';
import { articleOf, site as siteWith } from '../../content/helpers.ts';

const site = siteWith({ baseUrl: 'https://news.example.com', timeZone: 'UTC', pageSize: 2 });

function story(index: number, extra = ''): Article {
  const text = `Story ${index}\n2025-07-0${index} 08:00\nBody of story ${index}.${extra}\nSource:www.news.cn\n`;
  return articleOf(parseWireCopy(`articles/story-${index}.txt`, text, site));
}

/** buildSite() into memory (in-memory-site.ts): the manifest and every file it wrote. */
function build(articles: readonly Article[], urlsPerSitemap?: number) {
  return buildInMemory(site, articles, urlsPerSitemap);
}

describe('buildSite', () => {
  it('counts pages, packs and sitemaps for the archive', async () => {
    const { manifest } = await build([story(1), story(2), story(3)]);
    expect(manifest).toMatchObject({ articleCount: 3, pageCount: 2, packCount: packCountFor(3), sitemapCount: 1 });
    expect(manifest.lastModified).toBe('Thu, 03 Jul 2025 08:00:00 GMT');
  });

  it('writes every pack, the list chunks oldest first, and the sitemaps', async () => {
    const { files, manifest } = await build([story(3), story(1), story(2)]);
    for (let pack = 0; pack < manifest.packCount; pack++) expect(files.has(articlePackPath(pack))).toBe(true);
    const chunk = decodeRecords(files.get(listChunkPath('rss', 0)) ?? '');
    expect(chunk.map((record) => /<title>(.*?)<\/title>/.exec(record.text)?.[1])).toEqual(['Story 1', 'Story 2']);
    expect(decodeRecords(files.get(listChunkPath('rss', 1)) ?? '')).toHaveLength(1);
    expect(files.get(sitemapPath(1))).toContain('<loc>https://news.example.com/articles/story-3</loc>');
    expect(files.get(newsSitemapPath)).toContain('<news:news>');
  });

  it('stores each page with its own headers and a strong ETag of its bytes', async () => {
    const { files, manifest } = await build([story(1), story(2)]);
    const pack = decodeRecords(files.get(articlePackPath(packOf('story-1', manifest.packCount))) ?? '');
    const record = pack.find((entry) => (entry.meta as [string])[0] === 'story-1');
    if (!record) throw new Error('story-1 is not in its pack');
    const [, headers] = record.meta as [string, Record<string, string>];
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(headers.ETag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(headers['Last-Modified']).toBe('Tue, 01 Jul 2025 08:00:00 GMT');
    expect(record.text).toContain('<h1>Story 1</h1>');
  });

  it('takes the shared headers from the response policy: CORS on feeds and sitemaps, no-store on errors', async () => {
    const { manifest } = await build([story(1)]);
    expect(manifest.headers.rss).toEqual(kindHeaders(responseKinds.rss, site));
    expect(manifest.headers.sitemap['Access-Control-Allow-Origin']).toBe('*');
    expect(manifest.headers.html['Access-Control-Allow-Origin']).toBeUndefined();
    for (const status of [400, 404, 405, 414, 500, 503]) {
      expect(manifest.errors[status]?.headers['Cache-Control'], String(status)).toBe('no-store');
    }
    expect(manifest.robots.headers['Content-Type']).toBe('text/plain; charset=utf-8');
  });

  it('splits the sitemap into parts past the URL limit', async () => {
    // Three articles, then the section URLs after them (five or six URLs), two a part.
    const { files, manifest } = await build([story(1), story(2), story(3)], 2);
    expect(manifest.sitemapCount).toBe(3);
    expect(manifest.sitemapUpdated).toHaveLength(3);
    expect([1, 2, 3, 4].map((part) => files.has(sitemapPath(part)))).toEqual([true, true, true, false]);
  });

  it('gives the same version for the same content, and another when one article changes', async () => {
    const versionOf = async (articles: readonly Article[]): Promise<SiteManifest['version']> =>
      (await build(articles)).manifest.version;
    const first = await versionOf([story(1), story(2)]);
    expect(await versionOf([story(2), story(1)])).toBe(first);
    expect(await versionOf([story(1), story(2, ' Updated.')])).not.toBe(first);
  });
});
