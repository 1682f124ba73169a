/** Renders the whole site once, at build time: a manifest for the Worker and the files for storage. */
import type { Article } from '../article.ts';
import { attributionHeaders } from '../http/attribution-headers.ts';
import { cacheControlValue } from '../http/cache-control.ts';
import { strongEtag } from '../http/etag.ts';
import { toHttpDate } from '../http/http-date.ts';
import { htmlSecurityHeaders } from '../http/security-headers.ts';
import { renderArticlePage } from '../render/article-page.ts';
import { renderAtomEntry } from '../render/atom.ts';
import { renderErrorPage } from '../render/error-page.ts';
import { renderIndexEntry } from '../render/index-page.ts';
import { renderJsonFeedItem } from '../render/json-feed.ts';
import { renderRssItem } from '../render/rss.ts';
import { renderRobots, renderSitemap } from '../render/sitemap.ts';
import { stylesheet, stylesheetHash } from '../render/stylesheet.ts';
import { canonicalUrl } from '../render/urls.ts';
import type { Site } from '../site.ts';
import type { PackedArticle, ResponseFamily, SiteManifest } from '../site-build.ts';
import {
  articlePackPath,
  type ListFormat,
  listChunkPath,
  listFormats,
  packCountFor,
  packOf,
  sitemapPath,
  sitemapUrlsPerFile,
} from '../storage/layout.ts';
import { encodeRecords, type StoredRecord } from '../storage/record-file.ts';
import { newestFirst, newestUpdate } from './paginate.ts';

/** Receives each stored file once; the CLI writes it to disk, tests keep it in memory. */
export type WriteFile = (path: string, text: string) => void | Promise<void>;

/** Reports progress on long builds: `done` of `total` articles rendered. */
export type Progress = (done: number, total: number) => void;

const contentTypes: Readonly<Record<ResponseFamily | 'text', string>> = {
  html: 'text/html; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  sitemap: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** Headers that let any origin read a feed, and the validators it needs for polling. */
const crossOrigin = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified, Link',
  'X-Content-Type-Options': 'nosniff',
};

/** The heading (reason phrase, RFC 9110 §15) and the explanation each error page shows. */
export const errorMessages: Readonly<Record<number, readonly [string, string]>> = {
  400: ['Bad Request', 'The address or its query is malformed; a page number is a whole number from 1.'],
  404: ['Not Found', 'There is no page at this address.'],
  405: ['Method Not Allowed', 'This address answers GET and HEAD only.'],
  414: ['URI Too Long', 'The address is longer than this site accepts.'],
  500: ['Internal Server Error', 'Something went wrong on our side. Please try again later.'],
  503: ['Service Unavailable', 'This page cannot be read from storage right now. Please try again in a minute.'],
};

const fragmentRenderers: Readonly<Record<ListFormat, (site: Site, article: Article) => string>> = {
  rss: renderRssItem,
  atom: renderAtomEntry,
  json: renderJsonFeedItem,
  index: renderIndexEntry,
};

export async function buildSite(
  site: Site,
  unordered: readonly Article[],
  write: WriteFile,
  progress: Progress = () => {},
  /** URLs per sitemap file: the protocol's 50,000, smaller only to test the sitemap index. */
  urlsPerSitemap = sitemapUrlsPerFile,
): Promise<SiteManifest> {
  const newest = newestFirst(unordered);
  const oldestFirst = [...newest].reverse();
  const fileHashes: string[] = [];
  const store = async (path: string, text: string): Promise<void> => {
    fileHashes.push(`${path} ${await strongEtag(text)}`);
    await write(path, text);
  };

  const css = stylesheet(site);
  const htmlHeaders = {
    'Content-Type': contentTypes.html,
    'Cache-Control': cacheControlValue(site.cache.pages),
    ...htmlSecurityHeaders(await stylesheetHash(css)),
  };

  // Article pages, in packs chosen by slug: each pack is rendered, written and let go before the next.
  const packCount = packCountFor(newest.length);
  const packs = new Map<number, Article[]>();
  for (const article of newest) {
    const pack = packOf(article.slug, packCount);
    const members = packs.get(pack);
    if (members) members.push(article);
    else packs.set(pack, [article]);
  }
  let rendered = 0;
  // Every pack is written, an empty one too, so the Worker can tell a missing file (a fault) from a missing slug.
  for (let pack = 0; pack < packCount; pack++) {
    const entries: StoredRecord<PackedArticle>[] = [];
    for (const article of packs.get(pack) ?? []) {
      const body = renderArticlePage(site, article);
      entries.push({
        text: body,
        meta: [
          article.slug,
          {
            ...htmlHeaders,
            ETag: await strongEtag(body),
            'Last-Modified': toHttpDate(article.updated.epochMs),
            ...attributionHeaders(article, canonicalUrl(site, article)),
          },
        ],
      });
      if (++rendered % 1000 === 0) progress(rendered, newest.length);
    }
    await store(articlePackPath(pack), encodeRecords(entries));
  }
  packs.clear();

  // List fragments (feed items, index entries), in publication-order chunks of one page's size.
  for (let start = 0; start < oldestFirst.length; start += site.pageSize) {
    const chunk = oldestFirst.slice(start, start + site.pageSize);
    for (const format of listFormats) {
      const render = fragmentRenderers[format];
      await store(
        listChunkPath(format, start / site.pageSize),
        encodeRecords(chunk.map((article) => ({ meta: 0, text: render(site, article) }))),
      );
    }
  }

  // Sitemaps of at most 50,000 URLs each (sitemaps.org protocol); /sitemap.xml indexes them when there are several.
  const sitemapCount = Math.max(1, Math.ceil(newest.length / urlsPerSitemap));
  for (let part = 1; part <= sitemapCount; part++) {
    const articles = oldestFirst.slice((part - 1) * urlsPerSitemap, part * urlsPerSitemap);
    await store(sitemapPath(part), renderSitemap(site, articles, part === 1));
  }
  progress(newest.length, newest.length);

  const archiveUpdated = newestUpdate(newest);
  const lastModified = toHttpDate(archiveUpdated?.epochMs ?? 0);
  const feedHeaders = (family: ResponseFamily) => ({
    'Content-Type': contentTypes[family],
    'Cache-Control': cacheControlValue(site.cache.feeds),
    ...crossOrigin,
  });
  const headers: SiteManifest['headers'] = {
    html: htmlHeaders,
    rss: feedHeaders('rss'),
    atom: feedHeaders('atom'),
    json: feedHeaders('json'),
    sitemap: {
      'Content-Type': contentTypes.sitemap,
      'Cache-Control': cacheControlValue(site.cache.other),
      ...crossOrigin,
    },
  };
  const robotsBody = renderRobots(site);
  const robots = {
    status: 200,
    body: robotsBody,
    headers: {
      'Content-Type': contentTypes.text,
      'Cache-Control': cacheControlValue(site.cache.other),
      'X-Content-Type-Options': 'nosniff',
      ETag: await strongEtag(robotsBody),
      'Last-Modified': lastModified,
    },
  };
  const errors: Record<number, SiteManifest['robots']> = {};
  for (const [status, [message, detail]] of Object.entries(errorMessages)) {
    errors[Number(status)] = {
      status: Number(status),
      body: renderErrorPage(site, Number(status), message, detail),
      headers: { ...htmlHeaders, 'Cache-Control': 'no-store' },
    };
  }

  const manifest = {
    site,
    articleCount: newest.length,
    pageCount: Math.max(1, Math.ceil(newest.length / site.pageSize)),
    packCount,
    sitemapCount,
    ...(archiveUpdated ? { archiveUpdated } : {}),
    lastModified,
    headers,
    robots,
    errors,
  };
  // The version covers every stored file and the manifest itself (settings, error pages, headers).
  fileHashes.sort();
  fileHashes.push(JSON.stringify(manifest));
  const version = (await strongEtag(fileHashes.join('\n'))).replaceAll('"', '');
  return { version, ...manifest };
}
