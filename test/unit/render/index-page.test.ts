import { describe, expect, it } from 'vitest';
import { indexDocumentParts, renderIndexEntry } from '../../../src/render/index-page.ts';
import { encodeParts } from '../../../src/shared/encode-parts.ts';
import { seedArchive, seedLines } from '../../support/articles.ts';
import { attributeOf, one, parseDocument, textOf } from '../../support/html.ts';
import { pageSite as site } from '../../support/sites.ts';
import { pageOf, renderIndexPage } from '../../support/whole-documents.ts';

const articles = seedArchive(7, site);
const first = parseDocument(renderIndexPage(site, pageOf(articles, 1, 3)));
const second = parseDocument(renderIndexPage(site, pageOf(articles, 2, 3)));
const last = parseDocument(renderIndexPage(site, pageOf(articles, 3, 3)));

describe('the index page', () => {
  it('heads the page with the site title (the one h1) and description', () => {
    expect(first.querySelectorAll('h1').map((element) => textOf(element))).toEqual(['Wirefeed']);
    expect(textOf(one(first, '.site-description'))).toBe(site.description);
    expect(textOf(one(first, 'title'))).toBe('Wirefeed');
    expect(attributeOf(one(first, 'html'), 'lang')).toBe('en');
  });

  it("lists the page's articles in the order given (newest first), each linked with date, source and summary", () => {
    const entries = first.querySelectorAll('.entry').map((entry) => ({
      title: textOf(entry.querySelector('h2')),
      href: attributeOf(entry.querySelector('h2 a'), 'href'),
      datetime: attributeOf(entry.querySelector('time'), 'datetime'),
      meta: textOf(entry.querySelector('.meta')),
      summary: textOf(entry.querySelector('.summary')),
    }));
    const summary =
      'In today\'s rapidly advancing global digital wave, digital technology has become an important engine driving economic and social development. However, at the same time, an intangible "digital divide" is also becoming a new challenge that exacerbates global development imbalances.…';
    expect(entries).toEqual([
      {
        title: `${seedLines[0]} (part 1)`,
        href: '/articles/article-1',
        datetime: '2025-07-28T08:00:00+08:00',
        meta: '28 July 2025, 08:00 +08:00 · www.news.cn',
        summary,
      },
      {
        title: `${seedLines[0]} (part 2)`,
        href: '/articles/article-2',
        datetime: '2025-07-27T08:01:00+08:00',
        meta: '27 July 2025, 08:01 +08:00 · www.news.cn',
        summary,
      },
      {
        title: `${seedLines[0]} (part 3)`,
        href: '/articles/article-3',
        datetime: '2025-07-26T08:02:00+08:00',
        meta: '26 July 2025, 08:02 +08:00 · www.news.cn',
        summary,
      },
    ]);
  });

  it('announces the three feeds for autodiscovery', () => {
    expect(first.querySelectorAll('link[rel="alternate"]').map((element) => attributeOf(element, 'href'))).toEqual([
      'https://news.example.com/rss.xml',
      'https://news.example.com/atom.xml',
      'https://news.example.com/feed.json',
    ]);
  });

  it('offers only "older" on the first page', () => {
    expect(textOf(one(first, 'nav[aria-label="Pagination"] .current'))).toBe('Page 1 of 3');
    expect(first.querySelectorAll('a[rel="prev"]').length).toBe(0);
    expect(attributeOf(one(first, 'a[rel="next"]'), 'href')).toBe('/?page=2');
    expect(attributeOf(one(first, 'link[rel="canonical"]'), 'href')).toBe('https://news.example.com/');
  });

  it('offers "newer" (page 1 without a query) and "older" on a middle page', () => {
    expect(textOf(one(second, 'nav[aria-label="Pagination"] .current'))).toBe('Page 2 of 3');
    expect(attributeOf(one(second, 'a[rel="prev"]'), 'href')).toBe('/');
    expect(attributeOf(one(second, 'a[rel="next"]'), 'href')).toBe('/?page=3');
    expect(textOf(one(second, 'title'))).toBe('Page 2 of 3 — Wirefeed');
    expect(attributeOf(one(second, 'link[rel="canonical"]'), 'href')).toBe('https://news.example.com/?page=2');
  });

  it('offers only "newer" on the last page', () => {
    expect(attributeOf(one(last, 'a[rel="prev"]'), 'href')).toBe('/?page=2');
    expect(last.querySelectorAll('a[rel="next"]').length).toBe(0);
  });

  it('has no pagination when there is one page, and says so when the archive is empty', () => {
    const empty = parseDocument(renderIndexPage(site, pageOf([], 1, 3)));
    expect(empty.querySelectorAll('nav[aria-label="Pagination"]').length).toBe(0);
    expect(textOf(one(empty, 'main'))).toBe('No articles yet.');
  });

  it("keeps in-page links under the base URL's path", () => {
    const underPath = parseDocument(
      renderIndexPage({ ...site, baseUrl: 'https://example.org/news' }, pageOf(articles, 2, 3)),
    );
    expect(attributeOf(one(underPath, 'a[rel="prev"]'), 'href')).toBe('/news/');
    expect(attributeOf(underPath.querySelector('.entry h2 a'), 'href')).toBe('/news/articles/article-4');
    expect(attributeOf(one(underPath, 'link[type="application/rss+xml"]'), 'href')).toBe(
      'https://example.org/news/rss.xml',
    );
  });

  it('sends the same bytes when the entries are spliced in as their stored bytes', () => {
    const encoder = new TextEncoder();
    let checked = 0;
    for (const page of [pageOf(articles, 2, 3), pageOf([], 1, 3)]) {
      const entries = page.articles.map((article) => encoder.encode(renderIndexEntry(site, article)));
      expect(new TextDecoder().decode(encodeParts(indexDocumentParts(site, page, entries)))).toBe(
        renderIndexPage(site, page),
      );
      checked++;
    }
    expect(checked).toBe(2);
  });

  it('renders each page around its own entries, however often and in whatever order pages are asked for', () => {
    const encoder = new TextEncoder();
    const pages = [1, 2, 3, 2, 1, 3].map((number) => pageOf(articles, number, 2));
    const sites = [{ ...site, title: 'Another site' }, site];
    let checked = 0;
    for (const asked of sites) {
      for (const page of pages) {
        const entries = page.articles.map((article) => encoder.encode(renderIndexEntry(asked, article)));
        expect(new TextDecoder().decode(encodeParts(indexDocumentParts(asked, page, entries)))).toBe(
          renderIndexPage(asked, page),
        );
        checked++;
      }
    }
    expect(checked).toBe(12);
  });
});
