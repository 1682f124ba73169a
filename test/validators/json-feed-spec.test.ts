/** The JSON Feed 1.1 checker finds each kind of violation, so a clean result on our feeds means something. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRfc3339, jsonFeedProblems } from './json-feed-spec.ts';

const badFeed = readFileSync(new URL('../fixtures/validators/bad-feed.json', import.meta.url), 'utf8');

describe('the JSON Feed 1.1 checker', () => {
  it('lists every violation of a feed that breaks the spec', () => {
    expect(jsonFeedProblems(badFeed)).toEqual([
      'version: must be "https://jsonfeed.org/version/1.1", found "https://jsonfeed.org/version/1"',
      'title: required string',
      'wirefeed: not a JSON Feed 1.1 key, and extensions start with "_"',
      '_ext: an extension must be an object',
      'home_page_url: must be an absolute URL, found "/relative"',
      'expired: must be a boolean',
      'next_url: must not be the same as feed_url',
      'authors[0]: must have at least one of name, url, avatar',
      'hubs[0].url: required absolute URL',
      'items[0].id: required non-empty string',
      'items[0]: must have content_html or content_text',
      'items[0].url: must be an absolute URL, found "articles/x"',
      'items[0].language: must be a BCP 47 language tag, found "not a tag!"',
      'items[0].date_published: must be an RFC 3339 date-time, found "2025-07-16 00:00:00"',
      'items[0].tags: must be an array of strings',
      'items[1].id: required non-empty string',
      'items[1].title: must be a string',
      'items[1].date_modified: must be an RFC 3339 date-time, found "2025-02-30T00:00:00Z"',
    ]);
  });

  it('accepts a minimal valid feed', () => {
    const feed = { version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: '1', content_text: '' }] };
    expect(jsonFeedProblems(JSON.stringify(feed))).toEqual([]);
  });

  it('rejects text that is not JSON or not an object', () => {
    expect(jsonFeedProblems('[]')).toEqual(['the top level must be an object']);
    expect(jsonFeedProblems('{')[0]).toMatch(/^not JSON: /);
  });

  it('reads RFC 3339 date-times with real field values', () => {
    expect(['2025-07-16T00:00:00+08:00', '2025-07-16T00:00:00.5Z', '2024-02-29T23:59:60Z'].map(isRfc3339)).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      [
        '2025-07-16',
        '2025-07-16 00:00:00Z',
        '2025-02-29T00:00:00Z',
        '2025-07-16T24:00:00Z',
        'Wed, 16 Jul 2025 00:00:00 +0000',
      ].map(isRfc3339),
    ).toEqual([false, false, false, false, false]);
  });
});
