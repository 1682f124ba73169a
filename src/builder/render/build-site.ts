/** Renders the whole site once, at build time: a manifest for the Worker and the files for storage. */

import {
  articlePackPath,
  listChunkPath,
  listFormats,
  newsSitemapPath,
  ninjsPackPath,
  packCountFor,
  packOf,
  sitemapPath,
  sitemapUrlsPerFile,
} from '../../archive/layout.ts';
import type { SiteManifest } from '../../archive/manifest.ts';
import { sectionChunkPath } from '../../archive/section-layout.ts';
import type { Article } from '../../model/article.ts';
import { newestFirst, newestUpdate } from '../../model/article-order.ts';
import { kindHeaders, responseKinds } from '../../model/response-kinds.ts';
import type { Site } from '../../model/site.ts';
import { renderErrorPage } from '../../render/error-page.ts';
import { htmlSecurityHeaders } from '../../render/headers/security-headers.ts';
import { renderNewsSitemap } from '../../render/news-sitemap.ts';
import { renderRobots, renderSitemap } from '../../render/sitemap.ts';
import { stylesheet, stylesheetHash } from '../../render/stylesheet.ts';
import { renderTombstones } from '../../render/tombstones.ts';
import { toHttpDate } from '../../shared/http-date.ts';
import { latestDate, sectionWriter } from '../sections/build-sections.ts';
import { sectionLists } from '../sections/section-lists.ts';
import { listedArticles, listsUpdated, recentRetractions } from './listed-articles.ts';
import { articleHashes, membersIdentity, type RenderCache } from './render-cache.ts';
import { jobMembers, type RenderJobs, runRenderJob } from './render-jobs.ts';
import { textEtag } from './text-etag.ts';

/** Receives each stored file once; the CLI writes it to disk, tests keep it in memory. */
export type WriteFile = (path: string, data: string | Uint8Array) => void | Promise<void>;

/** Reports progress on long builds: `done` of `total` articles rendered. */
export type Progress = (done: number, total: number) => void;

/** The heading (reason phrase, RFC 9110 §15) and the explanation each error page shows. */
export const errorMessages: Readonly<Record<number, readonly [string, string]>> = {
  400: ['Bad Request', 'The address or its query is malformed; a page number is a whole number from 1.'],
  404: ['Not Found', 'There is no page at this address.'],
  405: ['Method Not Allowed', 'This address answers GET and HEAD only.'],
  414: ['URI Too Long', 'The address is longer than this site accepts.'],
  500: ['Internal Server Error', 'Something went wrong on our side. Please try again later.'],
  503: ['Service Unavailable', 'This page cannot be read from storage right now. Please try again in a minute.'],
};

export async function buildSite(
  site: Site,
  unordered: readonly Article[],
  write: WriteFile,
  progress: Progress = () => {},
  /** URLs per sitemap file: the protocol's 50,000, smaller only to test the sitemap index. */
  urlsPerSitemap = sitemapUrlsPerFile,
  /** Files of an earlier build to reuse where their articles are unchanged (render-cache.ts); none by default. */
  cache?: RenderCache,
  /** Runs the render jobs elsewhere (worker threads, build-pool.ts); in place by default. */
  renderJobs: RenderJobs = (context) => (job) => runRenderJob(context, job, jobMembers(context, job)),
): Promise<SiteManifest> {
  const all = newestFirst(unordered);
  // Every article keeps its page (a retracted one answers 410); only listed ones enter lists and sitemaps.
  const newest = listedArticles(all);
  const oldestFirst = [...newest].reverse();
  // The version covers every stored file: a file made of articles by its articles' content hashes (it is a pure
  // function of them, the site and the code, as the render cache relies on too), any other by its bytes' hash.
  const fileHashes: string[] = [];
  const store = async (path: string, text: string): Promise<void> => {
    fileHashes.push(`${path} ${await textEtag(text)}`);
    await write(path, text);
  };
  const hashes = await articleHashes(all);
  const isCached = (path: string, members: readonly Article[]) =>
    cache?.has(path, membersIdentity(hashes, members)) ?? false;
  /** Records a file made of `members`: placed from the cache when it holds it, otherwise `data` (rendered) is stored. */
  const storeMade = async (path: string, members: readonly Article[], data?: Uint8Array): Promise<void> => {
    const identity = membersIdentity(hashes, members);
    fileHashes.push(`${path} ${await textEtag(identity)}`);
    if (data === undefined) await cache?.place(path, identity);
    else {
      await write(path, data);
      cache?.keep(path, identity);
    }
  };
  const storeCached = async (path: string, members: readonly Article[], render: () => Uint8Array): Promise<void> =>
    storeMade(path, members, isCached(path, members) ? undefined : render());

  const css = stylesheet(site);
  const security = htmlSecurityHeaders(await stylesheetHash(css));
  const htmlHeaders = kindHeaders(responseKinds.page, site, { security });
  // IPTC ninjs: an article's document changes when its page does (pages' lifetimes), readable cross-origin.
  const ninjsHeaders = kindHeaders(responseKinds.ninjs, site);

  const run = renderJobs({ site, articles: all, htmlHeaders, ninjsHeaders });
  const position = new Map(all.map((article, index) => [article, index]));
  const positions = (members: readonly Article[]) => members.map((article) => position.get(article) ?? -1);

  // Article pages, in packs chosen by slug: each pack is rendered, written and let go before the next.
  const packCount = packCountFor(all.length);
  const packs = new Map<number, Article[]>();
  for (const article of all) {
    const pack = packOf(article.slug, packCount);
    const members = packs.get(pack);
    if (members) members.push(article);
    else packs.set(pack, [article]);
  }
  let rendered = 0;
  // Every pack is written, an empty one too, so the Worker can tell a missing file (a fault) from a missing slug.
  // Up to `ahead` jobs run at once (on worker threads, when given); files are stored in pack order.
  await inOrder(
    packCount,
    (pack) => {
      const members = packs.get(pack) ?? [];
      const page = !isCached(articlePackPath(pack), members);
      const ninjs = !isCached(ninjsPackPath(pack), members);
      return page || ninjs ? run({ kind: 'pack', pack, members: positions(members), page, ninjs }) : undefined;
    },
    async (pack, result) => {
      const members = packs.get(pack) ?? [];
      for (const path of [articlePackPath(pack), ninjsPackPath(pack)])
        await storeMade(path, members, result?.files.find((file) => file.path === path)?.bytes);
      rendered += members.length;
      if (Math.floor(rendered / 1000) > Math.floor((rendered - members.length) / 1000)) progress(rendered, all.length);
    },
  );
  packs.clear();

  // List fragments (feed items, index entries), in publication-order chunks of one page's size; each
  // article's fragments are rendered once and also go to its tag and source sections' chunks.
  // Retracted articles are not in `newest`, so they leave every section; their tombstones go to their sections' page 1.
  const lists = sectionLists(newest);
  // Fragments are rendered only for articles in a site or section chunk that is not cached.
  const needed = cache ? uncachedSectionMembers(site, lists, isCached) : undefined;
  const sections = sectionWriter(site, lists, store, recentRetractions(all), storeCached);
  const chunkOf = (chunk: number) => oldestFirst.slice(chunk * site.pageSize, (chunk + 1) * site.pageSize);
  await inOrder(
    Math.ceil(oldestFirst.length / site.pageSize),
    (chunk) => {
      const members = chunkOf(chunk);
      const formats = listFormats.filter((format) => !isCached(listChunkPath(format, chunk), members));
      const records = needed === undefined || members.some((article) => needed.has(article));
      return formats.length > 0 || records
        ? run({ kind: 'list', chunk, members: positions(members), formats, records })
        : undefined;
    },
    async (chunk, result) => {
      const members = chunkOf(chunk);
      for (const format of listFormats) {
        const path = listChunkPath(format, chunk);
        await storeMade(path, members, result?.files.find((file) => file.path === path)?.bytes);
      }
      for (const [index, article] of members.entries()) await sections.add(article, result?.records?.[index]);
    },
  );
  const sectionUrls = await sections.finish();

  // Sitemaps of at most 50,000 URLs each (sitemaps.org protocol); /sitemap.xml indexes them when there are
  // several. Section pages follow the articles.
  const sitemapCount = Math.max(1, Math.ceil((newest.length + sectionUrls.length) / urlsPerSitemap));
  const sitemapUpdated: string[] = [];
  for (let part = 1; part <= sitemapCount; part++) {
    const [from, to] = [(part - 1) * urlsPerSitemap, part * urlsPerSitemap];
    const articles = oldestFirst.slice(from, to);
    const extra = sectionUrls.slice(Math.max(0, from - newest.length), Math.max(0, to - newest.length));
    const dates = [...articles.map((article) => article.updated), ...extra.map((url) => url.updated)];
    sitemapUpdated.push(latestDate(dates)?.iso ?? '');
    const home = part === 1 ? { newest: newestUpdate(newest) } : undefined;
    await store(sitemapPath(part), renderSitemap(site, articles, home, extra));
  }
  await store(newsSitemapPath, renderNewsSitemap(site, newest));
  progress(all.length, all.length);

  const archiveUpdated = listsUpdated(all);
  const tombstones = recentRetractions(all);
  const lastModified = toHttpDate(archiveUpdated?.epochMs ?? 0);
  const headers: SiteManifest['headers'] = {
    html: kindHeaders(responseKinds.list, site, { security }),
    rss: kindHeaders(responseKinds.rss, site),
    atom: kindHeaders(responseKinds.atom, site),
    json: kindHeaders(responseKinds.json, site),
    sitemap: kindHeaders(responseKinds.sitemap, site),
  };
  const robotsBody = renderRobots(site);
  const robots = {
    status: 200,
    body: robotsBody,
    headers: {
      ...kindHeaders(responseKinds.robots, site),
      ETag: await textEtag(robotsBody),
      'Last-Modified': lastModified,
    },
  };
  const errors: Record<number, SiteManifest['robots']> = {};
  for (const [status, [message, detail]] of Object.entries(errorMessages)) {
    errors[Number(status)] = {
      status: Number(status),
      body: renderErrorPage(site, Number(status), message, detail),
      headers: kindHeaders(responseKinds.error, site, { security }),
    };
  }

  const manifest = {
    site,
    articleCount: newest.length,
    ...(all.length > newest.length ? { retractedCount: all.length - newest.length } : {}),
    ...(tombstones.length > 0 ? { deleted: renderTombstones(site, tombstones) } : {}),
    pageCount: Math.max(1, Math.ceil(newest.length / site.pageSize)),
    packCount,
    sitemapCount,
    sitemapUpdated,
    ...(archiveUpdated ? { archiveUpdated } : {}),
    lastModified,
    headers,
    robots,
    errors,
  };
  // The version covers every stored file and the manifest itself (settings, error pages, headers).
  fileHashes.sort();
  fileHashes.push(JSON.stringify(manifest));
  const version = (await textEtag(fileHashes.join('\n'))).replaceAll('"', '');
  return { version, ...manifest };
}

/** Articles in a section chunk the cache does not hold: their fragments must be rendered even when their site chunk is cached. */
function uncachedSectionMembers(
  site: Site,
  lists: ReturnType<typeof sectionLists>,
  isCached: (path: string, members: readonly Article[]) => boolean,
): Set<Article> {
  const needed = new Set<Article>();
  for (const section of [...lists.tags, ...lists.sources]) {
    const oldestFirst = [...section.articles].reverse();
    for (let start = 0; start < oldestFirst.length; start += site.pageSize) {
      const members = oldestFirst.slice(start, start + site.pageSize);
      if (!isCached(sectionChunkPath(section.kind, section.key, start / site.pageSize), members))
        for (const article of members) needed.add(article);
    }
  }
  return needed;
}

/** Jobs in flight at once: enough to keep two threads busy while results are stored in order; each result holds its files until stored. */
const ahead = 8;

/**
 * Starts `start(index)` for every index up to `count`, at most `ahead` at a time, and hands each result to
 * `settle` in index order (so the output does not depend on which job finishes first). `start` may return
 * nothing (a piece the cache holds whole).
 */
async function inOrder<T>(
  count: number,
  start: (index: number) => Promise<T> | undefined,
  settle: (index: number, result: T | undefined) => Promise<void>,
): Promise<void> {
  const inFlight = new Map<number, Promise<T>>();
  const launch = (index: number) => {
    if (index >= count) return;
    const job = start(index);
    if (job === undefined) return;
    // A failure is thrown where the job is awaited, in order; until then it is no unhandled rejection.
    job.catch(() => {});
    inFlight.set(index, job);
  };
  for (let index = 0; index < ahead; index++) launch(index);
  for (let index = 0; index < count; index++) {
    launch(index + ahead);
    const result = await inFlight.get(index);
    inFlight.delete(index);
    await settle(index, result);
  }
}
