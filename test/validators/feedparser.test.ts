/** Universal Feed Parser (python3-feedparser) reads every RSS and Atom page of the fixture site as the catalog says; JSON Feed meets its spec. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listedArticles } from '../../src/builder/render/listed-articles.ts';
import type { Article } from '../../src/model/article.ts';
import { articleUrl } from '../../src/render/urls.ts';
import { baseUrl, buildValidatorSite, feedRoutes, pageOf } from './build-fixture-site.ts';
import { feedparserPython, missingFeedparserMessage, type ParsedFeed, parseFeeds } from './feedparser.ts';
import { jsonFeedProblems } from './json-feed-spec.ts';

const inCi = Boolean(process.env.CI);

// On a user's machine without python3-feedparser the suite is skipped, and says so; in CI it fails.
const skipFeedparser = !feedparserPython && !inCi;
if (skipFeedparser) console.warn(`Skipping the feedparser tests. ${missingFeedparserMessage}`);

const { site, articles: all, build } = await buildValidatorSite();
// The feeds list every article but the retracted one (retracted.md), which is a tombstone on page 1.
const articles = listedArticles(all);
const pageCount = Math.ceil(articles.length / site.pageSize);
const rssRoutes = feedRoutes(build, '/rss.xml');
const atomRoutes = feedRoutes(build, '/atom.xml');
const jsonRoutes = feedRoutes(build, '/feed.json');
const newestUpdateMs = Math.max(...articles.map((article) => article.updated.epochMs));

/** The articles a feed page must list: newest first, pageSize a page. */
function onPage(route: string): readonly Article[] {
  const page = pageOf(route);
  return articles.slice((page - 1) * site.pageSize, page * site.pageSize);
}

function contributors(article: Article): { name: string }[] {
  return [article.editor, article.responsibleEditor].filter((name) => name !== undefined).map((name) => ({ name }));
}

describe('the fixture site', () => {
  it('has every article newest first and at least three pages of each feed', () => {
    expect(articles.map((article) => article.slug)).toEqual([
      'hostile-wire',
      'markdown-full',
      'offset-date',
      'source-name-only',
      'chinese-wire',
      'corrected',
      'sco-digital-link',
      'crlf-bom',
      'no-trailer',
      'generated-2',
      'generated-1',
    ]);
    expect(all.map((article) => article.slug)).toContain('retracted');
    expect(pageCount).toBe(6);
    let checked = 0;
    for (const routes of [rssRoutes, atomRoutes, jsonRoutes]) {
      expect(routes.map(pageOf)).toEqual([1, 2, 3, 4, 5, 6]);
      checked++;
    }
    expect(checked).toBe(3);
  });
});

describe.skipIf(skipFeedparser)('Universal Feed Parser reads every RSS and Atom page', () => {
  let directory = '';
  const parsed = new Map<string, ParsedFeed>();
  const parsedFeed = (route: string): ParsedFeed => {
    const feed = parsed.get(route);
    if (!feed) throw new Error(`${route} was not parsed`);
    return feed;
  };

  beforeAll(() => {
    // In CI a missing feedparser fails every test here with this message.
    if (!feedparserPython) throw new Error(missingFeedparserMessage);
    directory = mkdtempSync(join(tmpdir(), 'wirefeed-feedparser-'));
    for (const routes of [rssRoutes, atomRoutes]) {
      const files = routes.map((route, index) => join(directory, `${route.slice(1, route.indexOf('.'))}-${index + 1}`));
      for (const [index, route] of routes.entries()) writeFileSync(files[index] ?? '', build.routes[route]?.body ?? '');
      const contentType = build.routes[routes[0] ?? '']?.headers['Content-Type'] ?? '';
      const reports = parseFeeds(contentType, files);
      for (const [index, route] of routes.entries()) parsed.set(route, reports[files[index] ?? ''] as ParsedFeed);
    }
  }, 60_000);

  afterAll(() => {
    if (directory !== '') rmSync(directory, { recursive: true, force: true });
  });

  describe.each([
    ['RSS 2.0', 'rss20', rssRoutes],
    ['Atom 1.0', 'atom10', atomRoutes],
  ])('%s', (_format, version, routes) => {
    it.each(routes)('%s is well-formed (bozo 0) and detected as the right format', (route) => {
      const feed = parsedFeed(route);
      expect([feed.bozo, feed.bozo_exception, feed.version, feed.encoding]).toEqual([0, null, version, 'utf-8']);
    });

    it.each(routes)('%s lists the page’s articles with their ids, titles, links and dates', (route) => {
      const expected = onPage(route);
      const entries = parsedFeed(route).entries;
      expect(entries.map((entry) => entry.id)).toEqual(expected.map((article) => articleUrl(site, article)));
      expect(entries.map((entry) => entry.title)).toEqual(expected.map((article) => article.title));
      expect(entries.map((entry) => entry.title_type)).toEqual(expected.map(() => 'text/plain'));
      expect(entries.map((entry) => entry.link)).toEqual(expected.map((article) => articleUrl(site, article)));
      expect(entries.map((entry) => entry.published_ms)).toEqual(expected.map((article) => article.published.epochMs));
      expect(entries.map((entry) => entry.updated_ms)).toEqual(expected.map((article) => article.updated.epochMs));
    });

    it.each(routes)('%s carries each article’s editors, rights and tags', (route) => {
      const expected = onPage(route);
      const entries = parsedFeed(route).entries;
      expect(entries.map((entry) => entry.contributors)).toEqual(expected.map(contributors));
      expect(entries.map((entry) => entry.rights)).toEqual(expected.map((article) => article.copyright ?? null));
      expect(entries.map((entry) => entry.tags)).toEqual(expected.map((article) => [...article.tags]));
      expect(entries.map((entry) => entry.author)).toEqual(expected.map(() => null));
    });

    it.each(routes)('%s describes the site: title, subtitle, rights, language, newest update, self link', (route) => {
      const feed = parsedFeed(route).feed;
      expect(feed.title).toBe(site.title);
      expect(feed.subtitle).toBe(site.description);
      expect(feed.rights).toBe(site.copyright);
      expect(feed.language).toBe(site.language);
      expect(feed.updated_ms).toBe(newestUpdateMs);
      expect(feed.link).toBe(`${baseUrl}/`);
      expect(feed.links.filter((link) => link.rel === 'self').map((link) => link.href)).toEqual([`${baseUrl}${route}`]);
    });
  });

  it.each(rssRoutes)('%s names each article’s source in <source url>', (route) => {
    expect(parsedFeed(route).entries.map((entry) => entry.source)).toEqual(
      onPage(route).map((article) =>
        // RSS <source> needs a url; a source known only by name is in dc:source instead.
        article.source?.url ? { href: article.source.url, title: article.source.name } : null,
      ),
    );
  });

  it.each(rssRoutes)('%s marks the language of an article not in the site’s language (dc:language)', (route) => {
    expect(parsedFeed(route).entries.map((entry) => entry.language)).toEqual(
      onPage(route).map((article) => (article.language === site.language ? null : article.language)),
    );
  });

  it.each(atomRoutes)('%s links each article’s source as rel="via" with its name', (route) => {
    expect(
      parsedFeed(route).entries.map((entry) =>
        entry.links.filter((link) => link.rel === 'via').map((link) => ({ href: link.href, title: link.title })),
      ),
    ).toEqual(
      onPage(route).map((article) =>
        article.source?.url ? [{ href: article.source.url, title: article.source.name }] : [],
      ),
    );
  });

  it.each(atomRoutes)('%s has the feed id and the publisher as author', (route) => {
    const feed = parsedFeed(route).feed;
    expect([feed.id, feed.author]).toEqual([`${baseUrl}/atom.xml`, site.publisher.name]);
  });
});

// Debian's feedparser 6.0.10 predates JSON Feed (its parsers are XML only: `loose`, `strict`),
// so JSON Feed pages are checked against the JSON Feed 1.1 spec by json-feed-spec.ts instead.
describe('JSON Feed 1.1, every page', () => {
  const feedOf = (route: string) => JSON.parse(build.routes[route]?.body ?? '') as Record<string, unknown>;
  const itemsOf = (route: string) => feedOf(route).items as Record<string, unknown>[];

  it.each(jsonRoutes)('%s meets every rule of the JSON Feed 1.1 spec', (route) => {
    expect(jsonFeedProblems(build.routes[route]?.body ?? '')).toEqual([]);
  });

  it.each(jsonRoutes)('%s lists the page’s articles with their ids, titles, urls and dates', (route) => {
    const expected = onPage(route);
    const items = itemsOf(route);
    expect(items.map((item) => item.id)).toEqual(expected.map((article) => articleUrl(site, article)));
    expect(items.map((item) => item.url)).toEqual(expected.map((article) => articleUrl(site, article)));
    expect(items.map((item) => item.title)).toEqual(expected.map((article) => article.title));
    expect(items.map((item) => Date.parse(String(item.date_published)))).toEqual(
      expected.map((article) => article.published.epochMs),
    );
    expect(items.map((item) => Date.parse(String(item.date_modified)))).toEqual(
      expected.map((article) => article.updated.epochMs),
    );
    expect(items.map((item) => item.content_text)).toEqual(expected.map((article) => article.bodyText));
  });

  // JSON Feed 1.1: feed_url "serves as the unique identifier for the feed", so every page names the
  // subscription URL; the page's own URL is `_wirefeed.paging.self`.
  it.each(jsonRoutes)(
    '%s is identified by the subscription URL and has a next_url on every page but the last',
    (route) => {
      const feed = feedOf(route);
      const page = pageOf(route);
      expect(feed.feed_url).toBe(`${baseUrl}/feed.json`);
      expect((feed._wirefeed as { paging?: { self?: string } }).paging?.self).toBe(`${baseUrl}${route}`);
      expect(feed.next_url).toBe(page < pageCount ? `${baseUrl}/feed.json?page=${page + 1}` : undefined);
    },
  );
});
