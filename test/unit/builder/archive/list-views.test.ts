// A later release state is worked out from the state before it (list-views.ts): it must be exactly the state a publish
// at that instant would show, worked out from every article. The oracle is the first state of releaseViews itself,
// asked with `releasedBy` at that instant.
import { describe, expect, it } from 'vitest';
import { releaseViews } from '../../../../src/builder/archive/list-views.ts';
import { listedArticles, listsUpdated, recentRetractions } from '../../../../src/builder/render/listed-articles.ts';
import { type Article, releaseOf } from '../../../../src/model/article.ts';
import { newestFirst } from '../../../../src/model/article-order.ts';
import { articleDate, story } from '../../../support/articles.ts';
import { testSite } from '../../../support/sites.ts';

const day = (n: number, hour = 8) => `2025-08-${String(n).padStart(2, '0')} ${String(hour).padStart(2, '0')}:00`;

/** Released articles, embargoes waiting, retractions, tags spelled two ways, sources with and without a home page. */
function archive(): Article[] {
  const released = [
    story('a', { date: day(1), tags: ['Économie', 'Trade'] }),
    story('b', { date: day(2), tags: ['économie'], trailer: ['Source: Xinhua'] }),
    story('c', { date: day(3), tags: ['Trade'], retracted: { date: day(4) } }),
    story('d', { date: day(5), trailer: ['Source: https://www.reuters.com/world/'] }),
    story('e', { date: day(6), tags: ['Ports'], retracted: { date: day(6, 12) } }),
  ];
  const scheduled = [
    // Released later than dated (an embargo): it lands in the middle of its lists.
    { ...story('f', { date: day(4, 9), tags: ['Trade', 'Shipping'] }), embargo: articleDate('2025-08-20T00:00:00Z') },
    // A new tag, first spelled here; a source with a home page where the earlier one had none.
    story('g', { date: day(21), tags: ['Energy'], trailer: ['Source: Xinhua (www.news.cn)'] }),
    // A retraction among the scheduled, and one that moves the tombstone window past c's and e's.
    story('h', { date: day(22), tags: ['Ports'], retracted: { date: day(22, 10) } }),
    story('i', { date: '2025-09-20 08:00', tags: ['Économie'] }),
    // Two released at the same instant.
    story('j', { date: '2025-09-21 08:00', tags: ['Trade'] }),
    story('k', { date: '2025-09-21 08:00', trailer: ['Source: https://www.reuters.com/markets/'] }),
  ];
  return newestFirst([...released, ...scheduled]);
}

describe('release states after the first', () => {
  it('are each what a publish at that instant would show', () => {
    const articles = archive();
    const releasedBy = Date.parse('2025-08-10T00:00:00Z');
    const views = [...releaseViews(testSite, articles, releasedBy)];
    const instants = [...new Set(articles.map(releaseOf).filter((at) => at > releasedBy))].sort((a, b) => a - b);
    expect(views.map((view) => view.from)).toEqual([0, ...instants]);
    let compared = 0;
    for (const view of views.slice(1)) {
      const [fresh] = releaseViews(testSite, articles, view.from);
      expect(fresh).toBeDefined();
      expect(view.listed).toEqual(fresh?.listed);
      expect(view.gone).toEqual(fresh?.gone);
      expect(view.lists.map((list) => list.id)).toEqual(fresh?.lists.map((list) => list.id));
      expect(view.lists).toEqual(fresh?.lists);
      compared++;
    }
    expect(compared).toBe(5);
    // The states differ where they should: a tag first seen in a later state, tombstones that came and went.
    const ids = views.map((view) => view.lists.map((list) => list.id));
    expect(ids[0]).not.toContain(ids.at(-1)?.find((id) => id.includes('energy')));
    expect(views.map((view) => view.gone.map((article) => article.slug))).toEqual([
      ['e', 'c'],
      ['e', 'c'],
      ['e', 'c'],
      ['h', 'e', 'c'],
      ['h'],
      ['h'],
    ]);
  });

  it('show what listed-articles.ts says the released articles show, at every instant', () => {
    // The states read the articles' dates from columns (article-columns.ts): they must agree with the definitions.
    const articles = archive();
    const instants = [...new Set(articles.flatMap((article) => [releaseOf(article), releaseOf(article) - 1]))];
    let compared = 0;
    for (const at of instants) {
      const released = articles.filter((article) => releaseOf(article) <= at);
      const [view] = releaseViews(testSite, articles, at);
      expect(view?.listed).toEqual(listedArticles(released));
      expect(view?.gone).toEqual(recentRetractions(released));
      expect(view?.lists[0]?.updated).toEqual(listsUpdated(released));
      compared++;
    }
    expect(compared).toBe(instants.length);
    expect(compared).toBeGreaterThan(15);
  });

  it('share the lists no release touched with the state before', () => {
    const articles = archive();
    const views = [...releaseViews(testSite, articles, Date.parse('2025-08-10T00:00:00Z'))];
    const [, afterF, afterG] = views;
    const byId = (view: typeof afterF) => new Map(view?.lists.map((list) => [list.id, list]));
    const before = byId(afterF);
    let shared = 0;
    for (const [id, list] of byId(afterG)) {
      // g is in the site list, Energy and its source: every other list is the same object.
      const touched = id === 'site' || id.includes('energy') || id.includes('news.cn');
      if (!touched) {
        expect(list, id).toBe(before.get(id));
        shared++;
      }
    }
    expect(shared).toBeGreaterThan(3);
  });
});
