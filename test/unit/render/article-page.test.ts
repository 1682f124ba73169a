import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/article.ts';
import { renderArticlePage } from '../../../src/render/article-page.ts';
import { stylesheet } from '../../../src/render/stylesheet.ts';
import { articleDate, seedArticle, seedLines } from '../../support/articles.ts';
import { attributeOf, one, parseDocument, textOf } from '../../support/html.ts';
import { pageSite as site } from '../../support/sites.ts';

const seed = seedArticle(site);
const html = renderArticlePage(site, seed);
const doc = parseDocument(html);
const seedTitle = seedLines[0] ?? '';
const seedCopyright = seedLines[5] ?? '';

function jsonLd(root = doc): Record<string, unknown> {
  return JSON.parse(one(root, 'script[type="application/ld+json"]').textContent) as Record<string, unknown>;
}

function attributionRows(root = doc): string[][] {
  return root
    .querySelectorAll('.attribution dl > div')
    .map((row) => [textOf(row.querySelector('dt')), textOf(row.querySelector('dd'))]);
}

describe('the article page head', () => {
  it('declares the article language, UTF-8 and a phone viewport', () => {
    expect(attributeOf(one(doc, 'html'), 'lang')).toBe('en');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')).toBe(true);
    expect(attributeOf(one(doc, 'meta[name="viewport"]'), 'content')).toBe('width=device-width, initial-scale=1');
  });

  it('titles the page "<article title> — <site title>" and describes it with the summary', () => {
    expect(textOf(one(doc, 'title'))).toBe(`${seedTitle} — Wirefeed`);
    expect(attributeOf(one(doc, 'meta[name="description"]'), 'content')).toBe(
      'In today\'s rapidly advancing global digital wave, digital technology has become an important engine driving economic and social development. However, at the same time, an intangible "digital divide" is also becoming a new challenge that exacerbates global development imbalances.…',
    );
  });

  it('points the canonical link at the source URL (cross-domain canonical)', () => {
    expect(attributeOf(one(doc, 'link[rel="canonical"]'), 'href')).toBe('https://www.news.cn/');
  });

  it('announces the three feeds and the article as IPTC ninjs and NewsML-G2 for autodiscovery', () => {
    const alternates = doc
      .querySelectorAll('link[rel="alternate"]')
      .map((element) => [attributeOf(element, 'type'), attributeOf(element, 'href'), attributeOf(element, 'title')]);
    expect(alternates).toEqual([
      ['application/rss+xml', 'https://news.example.com/rss.xml', 'Wirefeed (RSS)'],
      ['application/atom+xml', 'https://news.example.com/atom.xml', 'Wirefeed (Atom)'],
      ['application/feed+json', 'https://news.example.com/feed.json', 'Wirefeed (JSON Feed)'],
      ['application/json', 'https://news.example.com/articles/sco-digital-link.ninjs.json', 'IPTC ninjs'],
      [
        'application/vnd.iptc.g2.newsitem+xml',
        'https://news.example.com/articles/sco-digital-link.newsml.xml',
        'IPTC NewsML-G2',
      ],
    ]);
  });

  it('carries OpenGraph article metadata', () => {
    const properties = doc
      .querySelectorAll('meta[property]')
      .map((element) => [attributeOf(element, 'property'), attributeOf(element, 'content')]);
    expect(properties).toEqual([
      ['og:type', 'article'],
      ['og:title', seedTitle],
      ['og:description', seed.summary],
      ['og:url', 'https://www.news.cn/'],
      ['og:site_name', 'Wirefeed'],
      ['article:published_time', '2025-07-16T00:00:00+08:00'],
      ['article:modified_time', '2025-07-16T00:00:00+08:00'],
    ]);
  });

  it('describes the article as schema.org NewsArticle JSON-LD with full attribution', () => {
    expect(jsonLd()).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: seedTitle,
      description: seed.summary,
      datePublished: '2025-07-16T00:00:00+08:00',
      dateModified: '2025-07-16T00:00:00+08:00',
      inLanguage: 'en',
      url: 'https://news.example.com/articles/sco-digital-link',
      mainEntityOfPage: { '@type': 'WebPage', '@id': 'https://news.example.com/articles/sco-digital-link' },
      editor: { '@type': 'Person', name: 'Yi Yi' },
      accountablePerson: { '@type': 'Person', name: 'Li Nian' },
      isBasedOn: 'https://www.news.cn/',
      sourceOrganization: { '@type': 'Organization', name: 'www.news.cn', url: 'https://www.news.cn/' },
      copyrightNotice: seedCopyright,
      publisher: { '@type': 'Organization', name: 'Wirefeed Syndication', url: 'https://news.example.com/' },
    });
  });

  it('inlines exactly the site stylesheet, once', () => {
    expect(one(doc, 'style').textContent).toBe(stylesheet(site));
  });
});

describe('the article page body', () => {
  it('shows the title as the one h1', () => {
    expect(textOf(one(doc, 'h1'))).toBe(seedTitle);
  });

  it('shows the date human-readable in a machine-readable <time>', () => {
    const time = one(doc, '.article-header time');
    expect(attributeOf(time, 'datetime')).toBe('2025-07-16T00:00:00+08:00');
    expect(textOf(time)).toBe('16 July 2025');
  });

  it('inserts the sanitized body as is, so the seed text is served exactly as written', () => {
    expect(html).toContain(`<div class="article-body">\n${seed.bodyHtml}\n</div>`);
    expect(textOf(one(doc, '.article-body'))).toBe(seedLines[2]);
    expect(textOf(one(doc, '.article-body'))).toContain('\u201DLooking ahead');
  });

  it('shows source (linked), editor, responsible editor and date in the attribution block', () => {
    expect(attributionRows()).toEqual([
      ['Source', 'www.news.cn'],
      ['Editor', 'Yi Yi'],
      ['Responsible editor', 'Li Nian'],
      ['Published', '16 July 2025'],
    ]);
    expect(attributeOf(one(doc, '.attribution dd a'), 'href')).toBe('https://www.news.cn/');
  });

  it('shows the copyright notice exactly as written', () => {
    expect(textOf(one(doc, '.attribution .copyright'))).toBe(seedCopyright);
  });

  it('links the three feeds from a labelled nav', () => {
    const links = doc
      .querySelectorAll('nav[aria-label="Feeds"] a')
      .map((element) => [attributeOf(element, 'href'), textOf(element)]);
    expect(links).toEqual([
      ['/rss.xml', 'RSS feed'],
      ['/atom.xml', 'Atom feed'],
      ['/feed.json', 'JSON Feed'],
    ]);
  });

  it('has banner, main and contentinfo landmarks and a skip link to the main content', () => {
    expect(doc.querySelectorAll('body > header, body > main, body > footer').map((element) => element.tagName)).toEqual(
      ['header', 'main', 'footer'],
    );
    expect(attributeOf(one(doc, 'a.skip-link'), 'href')).toBe('#content');
    expect(attributeOf(one(doc, 'main'), 'id')).toBe('content');
    expect(attributeOf(one(doc, '.site-name a'), 'href')).toBe('/');
  });

  it('renders the same bytes every time', () => {
    expect(renderArticlePage(site, seedArticle(site))).toBe(html);
  });
});

describe('an article with less metadata', () => {
  const bare: Article = {
    ...seed,
    slug: 'bare',
    editor: undefined,
    responsibleEditor: undefined,
    source: undefined,
    copyright: undefined,
    updated: articleDate('2025-07-20T18:45:00+08:00'),
    tags: ['Digital economy', 'SCO'],
  };
  const bareDoc = parseDocument(renderArticlePage(site, bare));

  it('is its own canonical URL when it has no source', () => {
    expect(attributeOf(one(bareDoc, 'link[rel="canonical"]'), 'href')).toBe('https://news.example.com/articles/bare');
    expect(attributeOf(one(bareDoc, 'meta[property="og:url"]'), 'content')).toBe(
      'https://news.example.com/articles/bare',
    );
  });

  it('shows the site copyright when the article has none', () => {
    expect(textOf(one(bareDoc, '.copyright'))).toBe(site.copyright);
    expect(jsonLd(bareDoc).copyrightNotice).toBe(site.copyright);
  });

  it('lists only the fields it has, and the update date when it differs', () => {
    expect(attributionRows(bareDoc)).toEqual([
      ['Published', '16 July 2025'],
      ['Updated', '20 July 2025, 18:45 +08:00'],
    ]);
    const data = jsonLd(bareDoc);
    expect(
      Object.keys(data).filter((key) =>
        ['editor', 'accountablePerson', 'isBasedOn', 'sourceOrganization'].includes(key),
      ),
    ).toEqual([]);
    expect(data.dateModified).toBe('2025-07-20T18:45:00+08:00');
    expect(data.keywords).toEqual(['Digital economy', 'SCO']);
  });

  it('tags the article for OpenGraph', () => {
    expect(
      bareDoc.querySelectorAll('meta[property="article:tag"]').map((element) => attributeOf(element, 'content')),
    ).toEqual(['Digital economy', 'SCO']);
  });
});
