/** A site with pictures through the suite's validators: feedparser reads enclosure, media content and credit; feed rules, JSON Feed spec and vnu find nothing. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { baseUrl, buildFixtureSite } from './build-fixture-site.ts';
import { atomProblems, rssProblems } from './feed-rules.ts';
import { feedparserPython, missingFeedparserMessage, parseFeeds } from './feedparser.ts';
import { jsonFeedProblems } from './json-feed-spec.ts';
import { formatMessage, hasVnu, missingVnuMessage, runVnu, severityOf } from './vnu.ts';

const inCi = Boolean(process.env.CI);
const fixtures = fileURLToPath(new URL('../fixtures/media/', import.meta.url));

const { articles, build } = await buildFixtureSite([
  {
    path: 'articles/forum.md',
    contents:
      '---\ntitle: The forum opens\ndate: 2025-07-18\nimage:\n  src: pictures/lead.jpg\n  alt: A field under a summer sky\n  caption: The forum opened on Monday & talks began.\n  credit: Photo by Li Ming / Xinhua\n  copyright: © Xinhua 2025\n---\n\nDelegates met.\n\n![A red bar](pictures/rotated.jpg)\n',
  },
  { path: 'articles/pictures/lead.jpg', contents: readFileSync(join(fixtures, 'lead.jpg')) },
  { path: 'articles/pictures/rotated.jpg', contents: readFileSync(join(fixtures, 'rotated.jpg')) },
  {
    path: 'articles/remote.md',
    contents:
      '---\ntitle: A remote picture\ndate: 2025-07-17\nimage: { src: "https://img.example.org/a.jpg?x=1&y=2", alt: A harbour, credit: AFP, width: 1600, height: 900 }\n---\n\nText.\n',
  },
]);
const body = (route: string) => build.routes[route]?.body ?? '';
const forum = articles.find((article) => article.slug === 'forum');
const full = `${baseUrl}${forum?.image?.url}`;
let directory = '';
afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('feeds with pictures', () => {
  it('follow the feed rules and the JSON Feed 1.1 spec', () => {
    expect(rssProblems(body('/rss.xml'), `${baseUrl}/rss.xml`)).toEqual([]);
    expect(atomProblems(body('/atom.xml'), `${baseUrl}/atom.xml`)).toEqual([]);
    expect(jsonFeedProblems(body('/feed.json'))).toEqual([]);
  });

  it.skipIf(!feedparserPython && !inCi)(
    'are read by Universal Feed Parser: enclosure, media content, thumbnail and credit',
    () => {
      if (!feedparserPython) throw new Error(missingFeedparserMessage);
      directory = mkdtempSync(join(tmpdir(), 'wirefeed-media-feeds-'));
      let checked = 0;
      for (const [route, type] of [
        ['/rss.xml', 'application/rss+xml'],
        ['/atom.xml', 'application/atom+xml'],
      ] as const) {
        const file = join(directory, route.slice(1));
        writeFileSync(file, body(route));
        const parsed = parseFeeds(type, [file])[file];
        expect(parsed?.bozo, route).toBe(0);
        const entry = parsed?.entries.find((candidate) => candidate.title === 'The forum opens');
        expect(entry?.enclosures, route).toEqual([
          expect.objectContaining({ href: full, type: 'image/jpeg', length: String(forum?.image?.length) }),
        ]);
        expect(entry?.media_content, route).toEqual([
          expect.objectContaining({ url: full, type: 'image/jpeg', medium: 'image', width: '1600', height: '1200' }),
        ]);
        expect(entry?.media_credit, route).toEqual([expect.objectContaining({ content: 'Photo by Li Ming / Xinhua' })]);
        expect(entry?.media_thumbnail?.[0]?.url, route).toBe(`${baseUrl}${forum?.image?.srcset[0]?.path}`);
        const remote = parsed?.entries.find((candidate) => candidate.title === 'A remote picture');
        expect(remote?.media_content?.[0]?.url, route).toBe('https://img.example.org/a.jpg?x=1&y=2');
        expect(remote?.media_credit, route).toEqual([expect.objectContaining({ content: 'AFP' })]);
        checked++;
      }
      expect(checked).toBe(2);
    },
  );
});

describe.skipIf(!hasVnu && !inCi)('pages with pictures', () => {
  it('pass the Nu HTML Checker with no errors or warnings', () => {
    if (!hasVnu) throw new Error(missingVnuMessage);
    const pages = mkdtempSync(join(tmpdir(), 'wirefeed-media-vnu-'));
    try {
      const files = ['/', '/articles/forum', '/articles/remote'].map((route, index) => {
        const file = join(pages, `page-${index}.html`);
        writeFileSync(file, body(route));
        return file;
      });
      const messages = [...runVnu(files).values()].flat().filter((message) => severityOf(message) !== 'info');
      expect(messages.map(formatMessage)).toEqual([]);
    } finally {
      rmSync(pages, { recursive: true, force: true });
    }
  });
});
