/** The W3C feed validator's main rules hold on every RSS and Atom page of the fixture site (and catch a feed that breaks them). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseUrl, buildValidatorSite, feedRoutes } from './build-fixture-site.ts';
import { atomProblems, isRfc822, relativeUrlReferences, rssProblems } from './feed-rules.ts';

const { build } = await buildValidatorSite();
const fixture = (name: string) => readFileSync(new URL(`../fixtures/validators/${name}`, import.meta.url), 'utf8');
const body = (route: string) => build.routes[route]?.body ?? '';

describe('RSS 2.0 rules of the W3C feed validator', () => {
  it.each(feedRoutes(build, '/rss.xml'))('%s breaks none', (route) => {
    expect(rssProblems(body(route), `${baseUrl}${route}`)).toEqual([]);
  });

  it('no guid appears on two pages', () => {
    const guids = feedRoutes(build, '/rss.xml').flatMap((route) =>
      [...body(route).matchAll(/<guid[^>]*>([^<]*)<\/guid>/g)].map((match) => match[1]),
    );
    expect(guids.length).toBeGreaterThan(0);
    expect(new Set(guids).size).toBe(guids.length);
  });

  it('finds every broken rule in a bad feed', () => {
    expect(rssProblems(fixture('bad-rss.xml'), 'https://news.example.com/rss.xml')).toEqual([
      '/rss/channel/item/dc:creator: the prefix "dc" is not declared',
      'channel: must have exactly one description, found 0',
      'channel/lastBuildDate: "Wed, 16 Jul 25 00:00:00 +0000" is not an RFC 822 date with a 4-digit year',
      'channel/atom:link[@rel=self]: href must be https://news.example.com/rss.xml, found https://news.example.com/other.xml',
      'channel/atom:link[@rel=self]: needs a type',
      'item[1]: must have a title or a description',
      'item[1]/guid: "articles/a" is a permalink but not an absolute URL',
      'item[1]/pubDate: "Thu, 16 Jul 2025 00:00:00 +0000" is not an RFC 822 date with a 4-digit year',
      'item[1]/content:encoded: should not contain relative URL references ("other-article")',
      'item[1]/content:encoded: should not contain relative URL references ("pic.png")',
      'item[2]/guid: "articles/a" is used by another item',
      'item[2]/pubDate: "2025-07-16T00:00:00Z" is not an RFC 822 date with a 4-digit year',
      'item[2]/source: needs a url attribute',
      '/rss/channel/link: "/relative" is not an absolute URL',
    ]);
  });

  it('reads RFC 822 dates with the right day of the week', () => {
    expect(['Wed, 16 Jul 2025 00:00:00 +0800', 'Sun, 20 Jul 2025 09:15:00 GMT'].map(isRfc822)).toEqual([true, true]);
    expect(
      ['Thu, 16 Jul 2025 00:00:00 +0800', 'Wed, 16 Jul 25 00:00:00 +0800', 'Mon, 31 Jun 2025 00:00:00 +0000'].map(
        isRfc822,
      ),
    ).toEqual([false, false, false]);
  });

  it('reports malformed XML', () => {
    expect(rssProblems('<rss><channel></rss>', 'https://news.example.com/rss.xml')[0]).toMatch(
      /^not well-formed XML: /,
    );
  });
});

describe('Atom 1.0 rules of the W3C feed validator (RFC 4287)', () => {
  it.each(feedRoutes(build, '/atom.xml'))('%s breaks none', (route) => {
    expect(atomProblems(body(route), `${baseUrl}${route}`)).toEqual([]);
  });

  it('finds every broken rule in a bad feed', () => {
    expect(atomProblems(fixture('bad-atom.xml'), 'https://news.example.com/atom.xml')).toEqual([
      'feed: must have exactly one id, found 0',
      'feed: must have exactly one title, found 2',
      'feed: needs an author, or every entry needs one (RFC 4287 §4.1.1)',
      'feed/updated: "2025-07-16 00:00:00" is not an RFC 3339 date',
      'feed: more than one link rel="alternate" with type and hreflang "text/html"',
      'feed: must have one link rel="self", found 0',
      'entry[1]/content: type="html" must be escaped text, found elements p',
      'entry[1]/id: "articles/a" is not an absolute IRI',
      'entry[1]/title: type "plain" is not text, html or xhtml',
      'entry[2]: must have exactly one id, found 2',
      'entry[2]: must have exactly one title, found 0',
      'entry[2]: needs content or a link rel="alternate" (RFC 4287 §4.1.2)',
      'entry[2]/updated: "2025-02-30T00:00:00Z" is not an RFC 3339 date',
      'entry[3]/content: should not contain relative URL references ("/media/x.jpg")',
      '/feed/entry/id: "articles/a" is not an absolute URL',
    ]);
  });

  it('page 1 carries the retracted fixture as an RFC 6721 tombstone, and it passes', () => {
    expect(body('/atom.xml')).toContain(
      '<at:deleted-entry ref="https://news.example.com/articles/retracted" when="2025-07-21T09:00:00+08:00">',
    );
    expect(body('/atom.xml?page=2')).not.toContain('deleted-entry');
  });

  it('finds every broken tombstone rule (RFC 6721)', () => {
    expect(atomProblems(fixture('bad-tombstone.atom.xml'), 'https://news.example.com/atom.xml')).toEqual([
      '/feed/at:deleted-entry: "at" must be bound to http://purl.org/atompub/tombstones/1.0, found http://purl.org/atompub/tombstones/2.0',
      'at:deleted-entry[1]: ref "articles/gone" is not an absolute IRI',
      'at:deleted-entry[1]: when "2025-07-16" is not an RFC 3339 date',
      'at:deleted-entry[2]: ref "https://news.example.com/articles/a" is still an entry of this feed',
    ]);
  });
});

describe('absolute URLs in JSON Feed content', () => {
  it.each(feedRoutes(build, '/feed.json'))('%s has no relative URL in any content_html', (route) => {
    const items = (JSON.parse(body(route)) as { items: { content_html?: string }[] }).items;
    expect(items.flatMap((item) => relativeUrlReferences(item.content_html ?? ''))).toEqual([]);
  });

  it('the fixture site does link relatively in its Markdown, which the pages keep', () => {
    expect(body('/articles/markdown-full')).toContain('href="other-article"');
  });
});
