/**
 * Scheduled release through the validators (issue 24): the validator site with one more article, embargoed until T,
 * read one millisecond before T and at T — every HTML page passes the Nu HTML Checker, every RSS and Atom feed and
 * section feed is well-formed for feedparser, every JSON Feed (search included) meets JSON Feed 1.1, both times.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRepresentations, buildFixtureSite, validatorContent } from './build-fixture-site.ts';
import { feedparserPython, missingFeedparserMessage, type ParsedFeed, parseFeeds } from './feedparser.ts';
import { jsonFeedProblems } from './json-feed-spec.ts';
import { formatMessage, hasVnu, missingVnuMessage, runVnu, severityOf } from './vnu.ts';

const release = Date.parse('2030-01-01T00:00:00Z');
const scheduled = {
  path: 'articles/scheduled-talks.md',
  contents:
    '---\ntitle: Scheduled talks on digital trade\ndate: 2025-07-18 09:00 +08:00\nembargo: 2030-01-01T00:00:00Z\ntags: [trade, digital]\nsource: www.news.cn\n---\n\nHeld back until its release.\n',
};
const content = [...(await validatorContent()), scheduled];
const options = { publishedAt: release - 3_600_000 };
const sites = {
  before: await buildFixtureSite(content, { ...options, at: release - 1 }),
  at: await buildFixtureSite(content, { ...options, at: release }),
};
const moments = ['before', 'at'] as const;
const skip = (!hasVnu || !feedparserPython) && !process.env.CI;
if (skip) console.warn(`Skipping the release validators. ${missingVnuMessage} ${missingFeedparserMessage}`);

describe('the validator site around a release', () => {
  it('shows the scheduled article at T and not one millisecond before', () => {
    // On any page of each list: the article sorts by its date, 2025-07-18, not by its release.
    const shows = (moment: (typeof moments)[number]) =>
      ['/rss.xml', '/atom.xml', '/feed.json', '/?page=', '/tags/trade', '/sitemap.xml'].map((prefix) =>
        Object.entries(sites[moment].build.routes).some(
          ([route, page]) =>
            (route === prefix || route.startsWith(prefix)) && page.body.includes('/articles/scheduled-talks'),
        ),
      );
    expect(shows('before')).toEqual([false, false, false, false, false, false]);
    expect(shows('at')).toEqual([true, true, true, true, true, true]);
    expect(sites.before.build.routes['/articles/scheduled-talks']).toBeUndefined();
    expect(sites.at.build.routes['/articles/scheduled-talks']?.status).toBe(200);
  });

  it.each(moments)('every JSON Feed %s the release meets JSON Feed 1.1', (moment) => {
    const feeds = allRepresentations(sites[moment].build).filter((page) =>
      page.representation.headers['Content-Type']?.startsWith('application/feed+json'),
    );
    expect(feeds.length).toBeGreaterThan(20);
    for (const feed of feeds) expect(jsonFeedProblems(feed.representation.body), feed.name).toEqual([]);
  });
});

describe.skipIf(skip)('the validators around a release', () => {
  let directory = '';
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'wirefeed-release-validators-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** Every page of both moments of one Content-Type, written out: `moment/fileName`. */
  function write(typePrefix: string): { name: string; file: string }[] {
    return moments.flatMap((moment) =>
      allRepresentations(sites[moment].build)
        .filter((page) => page.representation.headers['Content-Type']?.startsWith(typePrefix))
        .map((page) => {
          const file = join(directory, `${moment}-${page.fileName}`);
          writeFileSync(file, page.representation.body);
          return { name: `${moment}: ${page.name}`, file };
        }),
    );
  }

  it('passes the Nu HTML Checker on every HTML page, before and at the release', () => {
    if (!hasVnu) throw new Error(missingVnuMessage);
    const pages = write('text/html');
    expect(pages.length).toBeGreaterThan(60);
    const messages = runVnu(pages.map((page) => page.file));
    const problems = pages.flatMap((page) =>
      (messages.get(page.file) ?? [])
        .filter((message) => severityOf(message) !== 'info')
        .map((message) => `${page.name}: ${formatMessage(message)}`),
    );
    expect(problems).toEqual([]);
  });

  it.each([
    ['application/rss+xml', 'rss20'],
    ['application/atom+xml', 'atom10'],
  ])('reads every %s feed well-formed (bozo 0), before and at the release', (type, version) => {
    if (!feedparserPython) throw new Error(missingFeedparserMessage);
    const feeds = write(type);
    expect(feeds.length).toBeGreaterThan(20);
    const reports = parseFeeds(
      `${type}; charset=utf-8`,
      feeds.map((feed) => feed.file),
    );
    for (const feed of feeds) {
      const report = reports[feed.file] as ParsedFeed;
      expect([report.bozo, report.version], feed.name).toEqual([0, version]);
    }
  });
});
