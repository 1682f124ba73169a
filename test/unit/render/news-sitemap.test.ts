import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/article.ts';
import { newestFirst } from '../../../src/model/article-order.ts';
import { maxNewsUrls, newsLanguage, newsSitemapArticles, renderNewsSitemap } from '../../../src/render/news-sitemap.ts';
import { story } from '../../support/articles.ts';
import { utcSite } from '../../support/sites.ts';

const slugs = (articles: readonly Article[]) => articles.map((article) => article.slug);

describe('the Google News sitemap window', () => {
  it('takes the 48 hours before the newest article across a month boundary, never the clock', () => {
    const articles = newestFirst([
      story('newest', { date: '2025-08-01 06:00', site: utcSite }),
      story('edge', { date: '2025-07-30 06:00', site: utcSite }),
      story('just-out', { date: '2025-07-30 05:59', site: utcSite }),
      story('july', { date: '2025-07-31 23:00', site: utcSite }),
    ]);
    expect(slugs(newsSitemapArticles(articles))).toEqual(['newest', 'july', 'edge']);
  });

  it('compares instants, whatever offset each date was written with', () => {
    const articles = newestFirst([
      // 2025-03-01 01:00 in Shanghai is 2025-02-28 17:00 UTC.
      story('shanghai', { date: '2025-03-01 01:00 +08:00', site: utcSite }),
      // 2025-02-26 12:30 in New York (-05:00) is 17:30 UTC: 47.5 hours before, inside.
      story('new-york', { date: '2025-02-26 12:30 -05:00', site: utcSite }),
      // 2025-02-27 02:00 in Tokyo is 2025-02-26 17:00 UTC: exactly 48 hours before, inside.
      story('tokyo', { date: '2025-02-27 02:00 +09:00', site: utcSite }),
      // 2025-02-26 16:59 UTC: outside by a minute.
      story('london', { date: '2025-02-26 16:59 Z', site: utcSite }),
    ]);
    expect(slugs(newsSitemapArticles(articles))).toEqual(['shanghai', 'new-york', 'tokyo']);
  });

  it('lists at most 1,000 articles, the newest', () => {
    const many = newestFirst(
      Array.from({ length: maxNewsUrls + 5 }, (_, index) =>
        story(`s${index}`, {
          date: `2025-07-16 ${String(Math.floor(index / 60) % 24).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`,
          site: utcSite,
        }),
      ),
    );
    const listed = newsSitemapArticles(many);
    expect(listed).toHaveLength(maxNewsUrls);
    expect(listed[0]).toBe(many[0]);
  });

  it('is an empty urlset for an empty archive', () => {
    expect(renderNewsSitemap(utcSite, [])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n</urlset>\n',
    );
  });
});

describe('news sitemap entries', () => {
  it('carry publication name and language, the date with its offset, and the escaped title', () => {
    const xml = renderNewsSitemap(utcSite, [
      story('a', { date: '2025-07-16 10:00 +08:00', title: 'Tom & Jerry <live>', site: utcSite }),
    ]);
    expect(xml).toContain(
      '  <url>\n    <loc>https://news.example.com/articles/a</loc>\n    <news:news>\n' +
        '      <news:publication><news:name>wirefeed</news:name><news:language>en</news:language></news:publication>\n' +
        '      <news:publication_date>2025-07-16T10:00:00+08:00</news:publication_date>\n' +
        '      <news:title>Tom &amp; Jerry &lt;live&gt;</news:title>\n    </news:news>\n  </url>\n',
    );
  });

  it('names languages as Google News wants them', () => {
    expect(['en', 'en-GB', 'zh', 'zh-CN', 'zh-Hans', 'zh-TW', 'zh-Hant-HK', 'fr'].map(newsLanguage)).toEqual([
      'en',
      'en',
      'zh-cn',
      'zh-cn',
      'zh-cn',
      'zh-tw',
      'zh-tw',
      'fr',
    ]);
  });
});
