// The search index in workerd's real D1 (migrations/search applied by apply-migrations.ts): ranking, Chinese, release, paging, hostile queries.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.ts';
import { type SearchRow, searchRow } from '../../src/model/search-row.ts';
import { parseSearchQuery } from '../../src/worker/search/query.ts';
import { applyIndexChanges, type SearchOptions, searchArticles } from '../../src/worker/search/search-index.ts';
import type { SnippetPart } from '../../src/worker/search/snippet.ts';
import chineseWire from '../fixtures/validators/articles/chinese-wire.txt?raw';
import { story } from '../support/articles.ts';
import { hostileQueries } from '../support/hostile.ts';
import { wireCopy } from './test-site.ts';

const db = env.SEARCH;
const july = Date.parse('2025-07-20T00:00:00Z');
const options: SearchOptions = { now: july, page: 1, pageSize: 20 };

/** Released rows: each article's release is its date. */
function rows(...articles: Article[]): SearchRow[] {
  return articles.map((each) => searchRow(each, each.published.epochMs));
}

async function search(query: string, overrides: Partial<SearchOptions> = {}) {
  const parsed = parseSearchQuery(query);
  if (parsed.kind !== 'query') throw new Error(`${JSON.stringify(query)} is ${parsed.kind}`);
  return searchArticles(db, parsed, { ...options, ...overrides });
}

const slugs = async (query: string, overrides: Partial<SearchOptions> = {}) =>
  (await search(query, overrides)).results.map((result) => result.slug);

const marked = (parts: readonly SnippetPart[]) => parts.filter((part) => part.match).map((part) => part.text);

beforeEach(async () => {
  await db.batch([
    db.prepare(`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`),
    db.prepare('DELETE FROM search_articles'),
  ]);
});

describe('ranking', () => {
  const titled = story('cranes-arrive', {
    title: 'Harbour cranes arrive in Tianjin',
    date: '2025-07-01 08:00',
    body: 'The port grew.',
  });
  const mentioned = story('port-report', {
    title: 'Port report for July',
    date: '2025-07-10 08:00',
    body: 'New cranes, more cranes: the cranes were unloaded on Monday, and the cranes work.',
  });

  it('ranks an article whose title has the word above a newer one whose body has it four times', async () => {
    await applyIndexChanges(db, { upsert: rows(mentioned, titled), remove: [] });
    expect(await slugs('cranes')).toEqual(['cranes-arrive', 'port-report']);
  });

  it('breaks a tie of rank by the newest published first', async () => {
    const older = story('older', { title: 'Grain prices', date: '2025-07-01 08:00', body: 'Wheat rose.' });
    const newer = story('newer', { title: 'Grain prices', date: '2025-07-02 08:00', body: 'Wheat rose.' });
    await applyIndexChanges(db, { upsert: rows(older, newer), remove: [] });
    expect(await slugs('grain')).toEqual(['newer', 'older']);
  });

  it('keeps ties newest first past the ranked candidates: 60 equal matches, pages of 10, each page the next ten by date', async () => {
    // Ranked candidates are the page's end plus 32 (search-index.ts): 60 equal ranks run past them on every page.
    const equal = Array.from({ length: 60 }, (_, index) =>
      story(`grain-${String(index).padStart(2, '0')}`, {
        title: 'Grain prices',
        date: `2025-07-${String(1 + (index % 19)).padStart(2, '0')} ${String(index % 24).padStart(2, '0')}:00`,
        body: 'Wheat rose.',
      }),
    );
    await applyIndexChanges(db, { upsert: rows(...equal), remove: [] });
    const byDate = [...equal]
      .sort((a, b) => b.published.epochMs - a.published.epochMs || (a.slug < b.slug ? -1 : 1))
      .map((article) => article.slug);
    const pages = await Promise.all([1, 2, 6].map((page) => slugs('grain', { page, pageSize: 10 })));
    expect(pages).toEqual([byDate.slice(0, 10), byDate.slice(10, 20), byDate.slice(50, 60)]);
  });

  it('marks the matches in the title and cuts the snippet around the body’s matches', async () => {
    await applyIndexChanges(db, { upsert: rows(titled, mentioned), remove: [] });
    const [first, second] = (await search('CRANES')).results;
    expect(marked(first?.title ?? [])).toEqual(['cranes']);
    expect(marked(second?.snippet ?? [])).toEqual(['cranes', 'cranes', 'cranes', 'cranes']);
  });

  it('finds an article by a tag or its source name, with the summary as its snippet', async () => {
    const tagged = story('tagged', {
      title: 'Untitled',
      date: '2025-07-01 08:00',
      body: 'Nothing here.',
      tags: ['Shipping'],
    });
    await applyIndexChanges(db, { upsert: rows(tagged), remove: [] });
    expect(await slugs('shipping')).toEqual(['tagged']);
    expect(await slugs('www.news.cn')).toEqual(['tagged']);
    expect((await search('shipping')).results[0]?.snippet).toEqual([{ text: 'Nothing here.', match: false }]);
  });
});

describe('Chinese', () => {
  const chinese = wireCopy('chinese-wire.txt', chineseWire);

  beforeEach(async () => {
    await applyIndexChanges(db, { upsert: rows(chinese), remove: [] });
  });

  it('finds the validator article by a two-character word of its body and marks it in the snippet', async () => {
    const page = await search('纽带');
    expect(page.results.map((result) => result.slug)).toEqual(['chinese-wire']);
    expect(marked(page.results[0]?.snippet ?? [])).toEqual(['纽带']);
  });

  it.each(['天津', '论坛', '上海合作组织', '数字经济论坛', '上合组织 天津', '浪潮中'])(
    'finds it by %s',
    async (query) => {
      expect(await slugs(query)).toEqual(['chinese-wire']);
    },
  );

  it('finds it by a single character, as a prefix of the bigrams and at the end of a run', async () => {
    expect(await slugs('津')).toEqual(['chinese-wire']);
    expect(await slugs('固')).toEqual(['chinese-wire']);
  });

  it.each(['北京', '数字天津', '纽带牢固', '经济合作组织'])(
    'does not find it by %s, which it does not contain',
    async (query) => {
      expect(await slugs(query)).toEqual([]);
    },
  );

  it('finds full-width and half-width forms alike', async () => {
    const mixed = story('mixed', { title: 'ＡＩ芯片出口增长', date: '2025-07-01 08:00', body: '半导体ｱｼﾞｱ市场。' });
    await applyIndexChanges(db, { upsert: rows(mixed), remove: [] });
    expect(await slugs('ai芯片')).toEqual(['mixed']);
    expect(await slugs('アジア')).toEqual(['mixed']);
  });
});

describe('English folding', () => {
  it('finds CAFÉ by cafe, Café and full-width ＣＡＦＥ, and a word only whole', async () => {
    const cafe = story('cafe', {
      title: 'A new CAFÉ opens in Geneva',
      date: '2025-07-01 08:00',
      body: 'The art of coffee.',
    });
    await applyIndexChanges(db, { upsert: rows(cafe), remove: [] });
    let checked = 0;
    for (const query of ['cafe', 'Café', 'ＣＡＦＥ', 'geneva cafe']) {
      expect(await slugs(query)).toEqual(['cafe']);
      checked++;
    }
    expect(checked).toBe(4);
    expect(await slugs('caf')).toEqual([]);
    expect(await slugs('coffees')).toEqual([]);
  });
});

describe('what is found: released, unretracted', () => {
  const released = story('released', { title: 'Trade talks open', date: '2025-07-01 08:00', body: 'Talks opened.' });
  const embargoed = story('embargoed', { title: 'Trade talks close', date: '2025-07-25 08:00', body: 'Talks closed.' });
  const releaseMs = embargoed.published.epochMs;

  beforeEach(async () => {
    await applyIndexChanges(db, { upsert: rows(released, embargoed), remove: [] });
  });

  it('leaves out an embargoed article before its release', async () => {
    const page = await search('trade talks');
    expect(page.results.map((result) => result.slug)).toEqual(['released']);
    expect(page.total).toBe(1);
  });

  it('answers a word only the embargoed article holds as a word nobody holds: no hint of its words', async () => {
    expect(await search('closed')).toEqual(await search('nowhere'));
    expect((await search('closed')).total).toBe(0);
  });

  it('finds the embargoed article from the millisecond of its release', async () => {
    expect(await slugs('talks', { now: releaseMs - 1 })).toEqual(['released']);
    expect(await slugs('talks', { now: releaseMs })).toEqual(['embargoed', 'released']);
  });

  it('never finds a retracted article: a publish removes it, and one never indexed is not there', async () => {
    await applyIndexChanges(db, { upsert: [], remove: ['released', 'never-indexed'] });
    expect(await slugs('trade', { now: releaseMs })).toEqual(['embargoed']);
    const stored = await db.prepare('SELECT count(*) AS rows FROM search_articles').first<{ rows: number }>();
    expect(stored?.rows).toBe(1);
  });

  it('replaces an edited article: its old words no longer find it, and it is indexed once', async () => {
    const edited = story('released', {
      title: 'Tariff talks open',
      date: '2025-07-01 08:00',
      body: 'Talks opened again.',
    });
    await applyIndexChanges(db, { upsert: rows(edited), remove: [] });
    expect(await slugs('trade')).toEqual([]);
    expect(await slugs('tariff')).toEqual(['released']);
    expect((await search('talks')).total).toBe(1);
  });
});

describe('paging', () => {
  const stories = Array.from({ length: 25 }, (_, index) =>
    story(`story-${String(index + 1).padStart(2, '0')}`, {
      title: `Story ${index + 1} on shipping`,
      date: `2025-07-${String(1 + (index % 18)).padStart(2, '0')} ${String(index % 10).padStart(2, '0')}:00`,
      body: 'Shipping news.',
    }),
  );

  beforeEach(async () => {
    await applyIndexChanges(db, { upsert: rows(...stories), remove: [] });
  });

  it('pages through every result exactly once, with the total on every page', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => search('shipping', { page, pageSize: 10 })));
    expect(pages.map((page) => page.total)).toEqual([25, 25, 25]);
    expect(pages.map((page) => page.results.length)).toEqual([10, 10, 5]);
    const all = pages.flatMap((page) => page.results.map((result) => result.slug));
    expect(new Set(all).size).toBe(25);
    expect(all).toEqual(await slugs('shipping', { pageSize: 25 }));
  });

  it('answers a page past the end with no results and the total', async () => {
    const page = await search('shipping', { page: 4, pageSize: 10 });
    expect(page).toEqual({ total: 25, results: [] });
  });
});

describe('hostile queries', () => {
  it('answers every one without throwing: as words, as empty, or as too long', async () => {
    const hostile = story('hostile', {
      title: 'Quotes " and stars * and NEAR(a b)',
      date: '2025-07-01 08:00',
      body: 'title:digital - x ^ ( ) AND OR NOT "digital economy" 数字经济 😀',
    });
    await applyIndexChanges(db, { upsert: rows(hostile), remove: [] });
    let ran = 0;
    for (const [name, query, kind] of hostileQueries) {
      const parsed = parseSearchQuery(query);
      expect(parsed.kind, name).toBe(kind);
      if (parsed.kind === 'query') await expect(searchArticles(db, parsed, options), name).resolves.toBeDefined();
      ran++;
    }
    expect(ran).toBe(47);
  });

  it('finds words that look like syntax as words', async () => {
    const hostile = story('syntax', { title: 'NEAR and NOT', date: '2025-07-01 08:00', body: 'A column:filter.' });
    await applyIndexChanges(db, { upsert: rows(hostile), remove: [] });
    let checked = 0;
    for (const query of ['NEAR', 'not', 'AND NOT', '"near"', 'column:filter', '(near)', '-not', '^near']) {
      expect(await slugs(query)).toEqual(['syntax']);
      checked++;
    }
    expect(checked).toBe(8);
  });
});
