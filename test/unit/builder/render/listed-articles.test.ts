import { describe, expect, it } from 'vitest';
import { listedArticles, listsUpdated, recentRetractions } from '../../../../src/builder/render/listed-articles.ts';
import { parseContentDate } from '../../../../src/content/dates.ts';
import { parseWireCopy } from '../../../../src/content/wire-copy.ts';
import type { Article } from '../../../../src/model/article.ts';
import { renderTombstones } from '../../../../src/render/tombstones.ts';
import { articleOf, site } from '../../content/helpers.ts';

const utc = site({ baseUrl: 'https://news.example.com', timeZone: 'UTC' });
const at = (text: string) => parseContentDate(text, 'UTC') ?? { iso: '', epochMs: Number.NaN };

function story(slug: string, date: string, retracted?: string, reason = 'Withdrawn.'): Article {
  const article = articleOf(parseWireCopy(`articles/${slug}.txt`, `Story ${slug}\n${date}\nBody.\n`, utc));
  return retracted ? { ...article, retracted: { date: at(retracted), reason } } : article;
}

describe('which articles the lists show', () => {
  it('leaves out retracted articles and keeps the order', () => {
    const articles = [story('c', '2025-07-03'), story('b', '2025-07-02', '2025-07-04'), story('a', '2025-07-01')];
    expect(listedArticles(articles).map((article) => article.slug)).toEqual(['c', 'a']);
  });

  it('dates the lists by the newest update or retraction', () => {
    expect(listsUpdated([story('a', '2025-07-01'), story('b', '2025-06-01', '2025-07-09')])?.iso).toBe(
      '2025-07-09T00:00:00+00:00',
    );
    expect(listsUpdated([])).toBeUndefined();
  });
});

describe('tombstones for page 1', () => {
  it('announce retractions within the 30 days before the newest publication or retraction, newest first', () => {
    const articles = [
      story('newest', '2025-08-01'),
      story('inside', '2025-06-01', '2025-07-02'),
      story('edge', '2025-06-01', '2025-07-02 00:00'),
      story('out', '2025-06-01', '2025-07-01 23:59'),
      story('latest', '2025-07-20', '2025-07-25'),
    ];
    expect(recentRetractions(articles).map((article) => article.slug)).toEqual(['latest', 'edge', 'inside']);
  });

  it('measure the window from a retraction newer than every publication', () => {
    const articles = [story('old', '2025-01-01', '2025-03-01'), story('older', '2024-12-01', '2025-01-20')];
    expect(recentRetractions(articles).map((article) => article.slug)).toEqual(['old']);
  });

  it('render RFC 6721 deleted entries and JSON items with the reason escaped', () => {
    const tombstones = renderTombstones(utc, [story('x', '2025-07-01', '2025-07-02 10:00', 'Libel: <b>"A & B"</b>')]);
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
