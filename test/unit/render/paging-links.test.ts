import { describe, expect, it } from 'vitest';
import { linkElements, pagingLinks } from '../../../src/render/paging-links.ts';
import { generatedArticles } from '../../support/articles.ts';
import { feedPage, feedSite as site } from '../../support/sites.ts';

const articles = generatedArticles(45);

describe('pagingLinks', () => {
  it('has no previous link on the first page', () => {
    expect(pagingLinks(site, 'rss', feedPage(articles, 1))).toEqual({
      self: 'https://news.example.com/rss.xml',
      first: 'https://news.example.com/rss.xml',
      next: 'https://news.example.com/rss.xml?page=2',
      last: 'https://news.example.com/rss.xml?page=3',
    });
  });

  it('has both neighbours on a middle page', () => {
    expect(pagingLinks(site, 'atom', feedPage(articles, 2))).toEqual({
      self: 'https://news.example.com/atom.xml?page=2',
      first: 'https://news.example.com/atom.xml',
      previous: 'https://news.example.com/atom.xml',
      next: 'https://news.example.com/atom.xml?page=3',
      last: 'https://news.example.com/atom.xml?page=3',
    });
  });

  it('has no next link on the last page', () => {
    expect(pagingLinks(site, 'json', feedPage(articles, 3))).toEqual({
      self: 'https://news.example.com/feed.json?page=3',
      first: 'https://news.example.com/feed.json',
      previous: 'https://news.example.com/feed.json?page=2',
      last: 'https://news.example.com/feed.json?page=3',
    });
  });

  it('makes first and last the same page for a one-page archive', () => {
    expect(pagingLinks(site, 'rss', feedPage([]))).toEqual({
      self: 'https://news.example.com/rss.xml',
      first: 'https://news.example.com/rss.xml',
      last: 'https://news.example.com/rss.xml',
    });
  });
});

describe('linkElements', () => {
  it('writes self, paging and hub links with escaped hrefs', () => {
    const links = pagingLinks(site, 'rss', feedPage(articles, 2));
    expect(linkElements(site, links, 'atom:link', 'application/rss+xml', '')).toEqual([
      '<atom:link rel="self" type="application/rss+xml" href="https://news.example.com/rss.xml?page=2"/>',
      '<atom:link rel="first" type="application/rss+xml" href="https://news.example.com/rss.xml"/>',
      '<atom:link rel="previous" type="application/rss+xml" href="https://news.example.com/rss.xml"/>',
      '<atom:link rel="next" type="application/rss+xml" href="https://news.example.com/rss.xml?page=3"/>',
      '<atom:link rel="last" type="application/rss+xml" href="https://news.example.com/rss.xml?page=3"/>',
      '<atom:link rel="hub" href="https://hub.example.net/"/>',
    ]);
  });

  it('announces no hub when the site has none', () => {
    const { websubHub: _, ...noHub } = site;
    const lines = linkElements(noHub, pagingLinks(noHub, 'atom', feedPage([])), 'link', 'application/atom+xml', '');
    expect(lines.some((line) => line.includes('rel="hub"'))).toBe(false);
  });
});
