import { describe, expect, it } from 'vitest';
import { listedArticles, listsUpdated, recentRetractions } from '../../../../src/builder/render/listed-articles.ts';
import { renderTombstones } from '../../../../src/render/tombstones.ts';
import { story } from '../../../support/articles.ts';
import { utcSite } from '../../../support/sites.ts';

describe('which articles the lists show', () => {
  it('leaves out retracted articles and keeps the order', () => {
    const articles = [
      story('c', { date: '2025-07-03', site: utcSite }),
      story('b', { date: '2025-07-02', retracted: { date: '2025-07-04' }, site: utcSite }),
      story('a', { date: '2025-07-01', site: utcSite }),
    ];
    expect(listedArticles(articles).map((article) => article.slug)).toEqual(['c', 'a']);
  });

  it('dates the lists by the newest update or retraction', () => {
    expect(
      listsUpdated([
        story('a', { date: '2025-07-01', site: utcSite }),
        story('b', { date: '2025-06-01', retracted: { date: '2025-07-09' }, site: utcSite }),
      ])?.iso,
    ).toBe('2025-07-09T00:00:00+00:00');
    expect(listsUpdated([])).toBeUndefined();
  });
});

describe('tombstones for page 1', () => {
  it('announce retractions within the 30 days before the newest publication or retraction, newest first', () => {
    const articles = [
      story('newest', { date: '2025-08-01', site: utcSite }),
      story('inside', { date: '2025-06-01', retracted: { date: '2025-07-02' }, site: utcSite }),
      story('edge', {
        date: '2025-06-01',
        retracted: { date: '2025-07-02 00:00' },
        site: utcSite,
      }),
      story('out', {
        date: '2025-06-01',
        retracted: { date: '2025-07-01 23:59' },
        site: utcSite,
      }),
      story('latest', { date: '2025-07-20', retracted: { date: '2025-07-25' }, site: utcSite }),
    ];
    expect(recentRetractions(articles).map((article) => article.slug)).toEqual(['latest', 'edge', 'inside']);
  });

  it('measure the window from a retraction newer than every publication', () => {
    const articles = [
      story('old', { date: '2025-01-01', retracted: { date: '2025-03-01' }, site: utcSite }),
      story('older', { date: '2024-12-01', retracted: { date: '2025-01-20' }, site: utcSite }),
    ];
    expect(recentRetractions(articles).map((article) => article.slug)).toEqual(['old']);
  });

  it('render RFC 6721 deleted entries and JSON items with the reason escaped', () => {
    const tombstones = renderTombstones(utcSite, [
      story('x', {
        date: '2025-07-01',
        retracted: { date: '2025-07-02 10:00', reason: 'Libel: <b>"A & B"</b>' },
        site: utcSite,
      }),
    ]);
    expect(tombstones.atom).toEqual([
      '  <at:deleted-entry ref="https://news.example.com/articles/x" when="2025-07-02T10:00:00+00:00"><at:comment>Libel: &lt;b&gt;&quot;A &amp; B&quot;&lt;/b&gt;</at:comment></at:deleted-entry>',
    ]);
    expect(tombstones.json).toEqual([
      {
        id: 'https://news.example.com/articles/x',
        when: '2025-07-02T10:00:00+00:00',
        comment: 'Libel: <b>"A & B"</b>',
      },
    ]);
  });
});
