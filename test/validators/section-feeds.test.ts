/** Section feeds (tags, sources) of the fixture site pass the same validators and parsers as the site's feeds. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagKey } from '../../src/model/tag-key.ts';
import { articleUrl } from '../../src/render/urls.ts';
import { baseUrl, buildValidatorSite } from './build-fixture-site.ts';
import { atomProblems, rssProblems } from './feed-rules.ts';
import { feedparserPython, missingFeedparserMessage, type ParsedFeed, parseFeeds } from './feedparser.ts';
import { jsonFeedProblems } from './json-feed-spec.ts';

const { site, articles, build } = await buildValidatorSite();
const sectionRoutes = (file: string) =>
  Object.keys(build.routes)
    .filter((route) => /^\/(tags|sources)\//.test(route) && route.split('?')[0]?.endsWith(`/${file}`))
    .sort();
const rssRoutes = sectionRoutes('rss.xml');
const atomRoutes = sectionRoutes('atom.xml');
const jsonRoutes = sectionRoutes('feed.json');
const body = (route: string) => build.routes[route]?.body ?? '';

describe('the fixture site has sections', () => {
  it('with tags in several scripts and cases, sources by host and by name', () => {
    const paths = rssRoutes.filter((route) => !route.includes('?'));
    expect(paths).toContain('/tags/economy/rss.xml');
    expect(paths).toContain(`/tags/${encodeURIComponent('r&d <labs>')}/rss.xml`);
    expect(paths).toContain('/sources/www.news.cn/rss.xml');
    expect(paths.some((route) => route.startsWith('/sources/') && !route.includes('.'))).toBe(false);
    expect(rssRoutes.some((route) => route.includes('?page=2'))).toBe(true);
  });
});

describe('section feeds pass the W3C feed validator’s rules and the JSON Feed 1.1 spec', () => {
  it.each(rssRoutes)('%s breaks no RSS rule', (route) => {
    expect(rssProblems(body(route), `${baseUrl}${route}`)).toEqual([]);
  });
  it.each(atomRoutes)('%s breaks no Atom rule', (route) => {
    expect(atomProblems(body(route), `${baseUrl}${route}`)).toEqual([]);
  });
  it.each(jsonRoutes)('%s breaks no JSON Feed rule', (route) => {
    expect(jsonFeedProblems(body(route))).toEqual([]);
  });
});

describe('an independent parser (feedsmith) reads every section feed', () => {
  it.each([...rssRoutes, ...atomRoutes, ...jsonRoutes])('%s', (route) => {
    const parsed = parseFeed(body(route)) as { format: string; feed: { title?: string | { value?: string } } };
    expect(['rss', 'atom', 'json']).toContain(parsed.format);
    const title = parsed.feed.title;
    expect(typeof title === 'string' ? title : title?.value).toMatch(/^(Tag|Source): .+ — /);
  });
});

const skipFeedparser = !feedparserPython && !process.env.CI;
if (skipFeedparser) console.warn(`Skipping the feedparser tests of section feeds. ${missingFeedparserMessage}`);

describe.skipIf(skipFeedparser)('Universal Feed Parser reads every section feed', () => {
  let directory = '';
  const parsed = new Map<string, ParsedFeed>();
  beforeAll(() => {
    if (!feedparserPython) throw new Error(missingFeedparserMessage);
    directory = mkdtempSync(join(tmpdir(), 'wirefeed-section-feedparser-'));
    for (const routes of [rssRoutes, atomRoutes]) {
      const files = routes.map((_, index) => join(directory, `${routes === rssRoutes ? 'rss' : 'atom'}-${index}`));
      for (const [index, route] of routes.entries()) writeFileSync(files[index] ?? '', body(route));
      const reports = parseFeeds(build.routes[routes[0] ?? '']?.headers['Content-Type'] ?? '', files);
      for (const [index, route] of routes.entries()) parsed.set(route, reports[files[index] ?? ''] as ParsedFeed);
    }
  }, 60_000);
  afterAll(() => {
    if (directory !== '') rmSync(directory, { recursive: true, force: true });
  });

  it.each([...rssRoutes, ...atomRoutes])(
    '%s is well-formed (bozo 0) and lists only the section’s articles',
    (route) => {
      const feed = parsed.get(route);
      expect([feed?.bozo, feed?.bozo_exception]).toEqual([0, null]);
      const tag = /^\/tags\/([^/]+)\//.exec(route)?.[1];
      const members = articles.filter((article) =>
        tag === undefined
          ? article.source !== undefined
          : article.tags.some((t) => tagKey(t) === decodeURIComponent(tag)),
      );
      const urls = new Set(members.map((article) => articleUrl(site, article)));
      let checked = 0;
      for (const entry of feed?.entries ?? []) {
        expect(urls.has(entry.id ?? '')).toBe(true);
        checked++;
      }
      // A section feed exists because it has members: an empty or missing one is a failure, not a pass.
      expect(checked).toBeGreaterThan(0);
    },
  );
});
