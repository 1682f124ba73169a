/** Search over the validator site through a real D1: every /search.json is JSON Feed 1.1, and finds what it should. */
import { describe, expect, it } from 'vitest';
import { buildValidatorSite, searchQueries } from './build-fixture-site.ts';
import { jsonFeedProblems } from './json-feed-spec.ts';

const { build } = await buildValidatorSite();
const jsonRoutes = Object.keys(build.routes).filter((route) => route.startsWith('/search.json'));
const htmlRoutes = Object.keys(build.routes).filter(
  (route) => route.startsWith('/search') && !route.startsWith('/search.json'),
);
const found = (query: string) =>
  (
    JSON.parse(build.routes[`/search.json?q=${encodeURIComponent(query)}`]?.body ?? '{}') as {
      items?: { url: string }[];
    }
  ).items?.map((item) => item.url.replace(/^.*\/articles\//, '')) ?? [];

describe('the search pages of the validator site', () => {
  it('serves every query as HTML and as JSON Feed', () => {
    expect(jsonRoutes).toHaveLength(searchQueries.length + 1);
    expect(htmlRoutes).toHaveLength(searchQueries.length + 1);
    for (const route of [...jsonRoutes, ...htmlRoutes]) expect(build.routes[route]?.status, route).toBe(200);
  });

  it.each(jsonRoutes)('%s meets every rule of the JSON Feed 1.1 spec', (route) => {
    expect(jsonFeedProblems(build.routes[route]?.body ?? '')).toEqual([]);
  });

  it('finds the seed by a word of it, and the Chinese article by a two-character word', () => {
    expect(found('digital')).toContain('sco-digital-link');
    expect(found('数字')).toContain('chinese-wire');
    expect(found('zeppelins')).toEqual([]);
  });

  it('answers markup and FTS5 syntax in a query as text, escaped in the page', () => {
    const page = build.routes[`/search?q=${encodeURIComponent('"<b>x</b>" OR cooperation*')}`]?.body ?? '';
    expect(page).not.toContain('<b>x</b>');
    expect(page).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
