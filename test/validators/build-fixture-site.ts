/** Builds a whole site in Node from content files with the real pipeline (loadContent, buildSite, the app), for the validators. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Representation } from '../../src/archive/root.ts';
import { loadContent } from '../../src/builder/content/load-content.ts';
import { sectionLists } from '../../src/builder/sections/section-lists.ts';
import { type Article, releaseOf } from '../../src/model/article.ts';
import { articleFormatNames, articleFormatPath } from '../../src/model/article-formats.ts';
import type { Site } from '../../src/model/site.ts';
import { sectionDirectoryPath, sectionFeedPath, sectionPagePath } from '../../src/render/section-urls.ts';
import { articlePath, feedPath, indexPath } from '../../src/render/urls.ts';
import { serveInMemory } from '../support/node-archive.ts';
import { searchDatabase } from '../support/search-d1.ts';

/** Every response the site serves, by path (with `?page=N`), as the app answers it; and the error pages. */
export interface SiteBuild {
  readonly routes: Readonly<Record<string, Representation>>;
  readonly errors: Readonly<Record<number, Representation>>;
}

/** One file of a content directory, by its path under it (`site.yaml`, `articles/x.txt`). */
export interface ContentFile {
  readonly path: string;
  /** Text is written as UTF-8; bytes are written as they are (BOM, CRLF, …). */
  readonly contents: string | Uint8Array;
}

export interface FixtureSite {
  readonly site: Site;
  /** Newest first, as loadContent returns them. */
  readonly articles: readonly Article[];
  readonly build: SiteBuild;
}

export const baseUrl = 'https://news.example.com';

const fixturesDir = fileURLToPath(new URL('../fixtures/validators/', import.meta.url));
const mediaFixturesDir = fileURLToPath(new URL('../fixtures/media/', import.meta.url));
const seedPath = fileURLToPath(new URL('../../content/articles/sco-digital-link.txt', import.meta.url));

/** Writes the files into a fresh temporary content dir, loads and builds it, and removes the dir. */
export interface FixtureOptions {
  /** The clock of the publish and of every request (ms): what is released. @default Date.now() */
  readonly at?: number;
  /** When it was published (ms): articles released after it are scheduled. @default `at` */
  readonly publishedAt?: number;
}

export async function buildFixtureSite(
  files: readonly ContentFile[],
  options: FixtureOptions = {},
): Promise<FixtureSite> {
  const contentDir = await mkdtemp(join(tmpdir(), 'wirefeed-validators-'));
  try {
    for (const file of files) {
      const path = join(contentDir, file.path);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.contents);
    }
    const { site, articles } = await loadContent(contentDir, { baseUrl });
    return { site, articles, build: await fetchEveryRoute(site, articles, options) };
  } finally {
    await rm(contentDir, { recursive: true, force: true });
  }
}

/** Builds into memory and asks the real app for every route, so list pages are joined as in production. */
async function fetchEveryRoute(site: Site, all: readonly Article[], options: FixtureOptions): Promise<SiteBuild> {
  const at = options.at ?? Date.now();
  const { built, app } = await serveInMemory(site, all, { releasedBy: options.publishedAt ?? at, now: () => at });
  // The search pages answer from a real D1 (Miniflare's), indexed as a publish indexes.
  const search = await searchDatabase(all);
  // What a reader can see at `at`: the routes of the released articles, the lists of the state in force.
  const articles = all.filter((article) => releaseOf(article) <= at);
  const siteList = built.root.states.filter((state) => state.from <= at).at(-1)?.lists.site;
  const pageCount = Math.max(1, Math.ceil((siteList?.count ?? 0) / site.pageSize));
  const paths = ['/sitemap.xml', '/news-sitemap.xml', '/robots.txt'];
  // Every per-article format (page, ninjs, NewsML-G2, …): one row of src/model/article-formats.ts each.
  for (const format of articleFormatNames)
    paths.push(...articles.map((article) => articleFormatPath(format, article.slug)));
  for (let page = 1; page <= pageCount; page++) {
    paths.push(indexPath(page), feedPath('rss', page), feedPath('atom', page), feedPath('json', page));
  }
  // A section's pages hold its listed articles: a retracted one is a tombstone on page 1, not an entry.
  paths.push(
    ...sectionPaths(
      site,
      articles.filter((article) => !article.retracted),
    ),
  );
  paths.push(...searchPaths);
  const routes: Record<string, Representation> = {};
  for (const path of paths) {
    const response = await app.fetch(new Request(`${baseUrl}${path}`), { SEARCH: search.db });
    const headers = Object.fromEntries([...response.headers].map(([name, value]) => [titleCase(name), value]));
    routes[path] = { status: response.status, body: await response.text(), headers };
    const retracted = articles.some((article) => article.retracted && path === articlePath(article.slug));
    if (response.status !== (retracted ? 410 : 200)) throw new Error(`${path} answered ${response.status}`);
  }
  await search.dispose();
  return { routes, errors: built.root.errors };
}

/**
 * The search pages every validator reads: the form, a word of the seed, a two-character word of the Chinese
 * article, a query with markup and FTS5 syntax in it, one that finds nothing; HTML and JSON Feed each.
 */
export const searchQueries = ['digital', '数字', '"<b>x</b>" OR cooperation*', 'zeppelins'] as const;
const searchPaths = [
  '/search',
  '/search.json',
  ...searchQueries.flatMap((query) => [
    `/search?q=${encodeURIComponent(query)}`,
    `/search.json?q=${encodeURIComponent(query)}`,
  ]),
];

/** `/tags/`, `/sources/`, and every page of every section in all four formats. */
export function sectionPaths(site: Site, articles: readonly Article[]): string[] {
  const paths = [sectionDirectoryPath('tag'), sectionDirectoryPath('source')];
  const { tags, sources } = sectionLists(articles);
  for (const { kind, key, count } of [...tags, ...sources]) {
    for (let page = 1; page <= Math.ceil(count / site.pageSize); page++) {
      paths.push(sectionPagePath(kind, key, page));
      for (const format of ['rss', 'atom', 'json'] as const) paths.push(sectionFeedPath(kind, key, format, page));
    }
  }
  return paths;
}

/** `content-type` → `Content-Type`: the spelling the tests read headers by. */
function titleCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

/** Plain wire copies (content files, not articles) with consecutive dates, so the archive spans several pages. */
function generatedWireCopy(count: number): ContentFile[] {
  return Array.from({ length: count }, (_, index) => {
    const day = String(1 + index).padStart(2, '0');
    return {
      path: `articles/generated-${index + 1}.txt`,
      contents: `Generated article ${index + 1}\n2025-06-${day} 12:00\nGenerated body ${index + 1}.\nSource:www.news.cn\n`,
    };
  });
}

/**
 * The validators' content: site.yaml (pageSize 2), the seed, every article under
 * test/fixtures/validators/articles/ (bytes as stored), and `generated` plain articles.
 */
export async function validatorContent(generated = 2): Promise<ContentFile[]> {
  const files: ContentFile[] = [
    { path: 'site.yaml', contents: await readFile(join(fixturesDir, 'site.yaml')) },
    { path: 'articles/sco-digital-link.txt', contents: await readFile(seedPath) },
  ];
  const names = (await readdir(join(fixturesDir, 'articles'))).sort();
  for (const name of names)
    files.push({ path: `articles/${name}`, contents: await readFile(join(fixturesDir, 'articles', name)) });
  return [...files, ...generatedWireCopy(generated)];
}

/** The validators' site, built once per test file. */
export async function buildValidatorSite(): Promise<FixtureSite> {
  return buildFixtureSite(await validatorContent());
}

/**
 * Two articles with a lead picture: `forum`, a local JPEG with caption, credit and copyright (published
 * below /media/ with its renditions), and `remote`, an https URL with a space and a query.
 */
export async function buildPicturedSite(): Promise<FixtureSite> {
  return buildFixtureSite([
    {
      path: 'articles/forum.md',
      contents:
        '---\ntitle: The forum opens\ndate: 2025-07-18\nimage:\n  src: lead.jpg\n  alt: A field under a summer sky\n  caption: The forum opened on Monday.\n  credit: Photo by Li Ming / Xinhua\n  copyright: © Xinhua 2025\n---\n\nDelegates met.\n',
    },
    { path: 'articles/lead.jpg', contents: await readFile(join(mediaFixturesDir, 'lead.jpg')) },
    {
      path: 'articles/remote.md',
      contents:
        '---\ntitle: A remote picture\ndate: 2025-07-17\nimage: { src: "https://img.example.org/a b.jpg?x=1&y=2", alt: A harbour, credit: AFP }\n---\n\nText.\n',
    },
  ]);
}

/** A route or error page with a name usable as a file name and in messages. */
export interface NamedRepresentation {
  /** `GET /articles/x`, `error 404`, … */
  readonly name: string;
  /** Safe as a file name: `route_articles_x.html`, `route_rss.xml_page_2.xml`, `error-404.html`. */
  readonly fileName: string;
  readonly representation: Representation;
}

/** A file extension by Content-Type, so vnu reads `.html` files as HTML. */
function extensionOf(representation: Representation): string {
  const type = representation.headers['Content-Type'] ?? '';
  if (type.startsWith('text/html')) return '.html';
  if (type.includes('json')) return '.json';
  if (type.includes('xml')) return '.xml';
  return '.txt';
}

/** Every route and every error page of a build, in a stable order. */
export function allRepresentations(build: SiteBuild): NamedRepresentation[] {
  const routes = Object.keys(build.routes)
    .sort()
    .map((path) => {
      const representation = build.routes[path] as Representation;
      const fileName = `route${path}`.replace(/[^A-Za-z0-9.-]/g, '_') + extensionOf(representation);
      return { name: `GET ${path}`, fileName, representation };
    });
  const errors = Object.keys(build.errors)
    .sort()
    .map((status) => ({
      name: `error ${status}`,
      fileName: `error-${status}.html`,
      representation: build.errors[Number(status)] as Representation,
    }));
  return [...routes, ...errors];
}

/** The feed routes of one format, every page: `/rss.xml`, `/rss.xml?page=2`, … */
export function feedRoutes(build: SiteBuild, path: '/rss.xml' | '/atom.xml' | '/feed.json'): string[] {
  return Object.keys(build.routes)
    .filter((route) => route === path || route.startsWith(`${path}?page=`))
    .sort((a, b) => pageOf(a) - pageOf(b));
}

/** The page number of a route key (`?page=N`, else 1). */
export function pageOf(route: string): number {
  const match = /\?page=(\d+)$/.exec(route);
  return match ? Number(match[1]) : 1;
}
