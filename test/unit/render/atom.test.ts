import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAtomEntry } from '../../../src/render/atom.ts';
import { bareArticle, generatedArticles, seedArticle } from '../../support/articles.ts';
import { hostileFeedArticle, hostileText } from '../../support/hostile.ts';
import { feedPage, feedSite as site } from '../../support/sites.ts';
import { renderAtom } from '../../support/whole-documents.ts';
import { asXmlText, elementNames, parseXml } from '../../support/xml.ts';

const seed = seedArticle(site);
const feedOf = (articles = [seed, hostileFeedArticle(), bareArticle()], page = 1) =>
  parseXml(renderAtom(site, feedPage(articles, page))).feed;

describe('renderAtom feed', () => {
  it('is an Atom document in the site language', () => {
    const xml = renderAtom(site, feedPage([seed]));
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed ')).toBe(true);
    const feed = parseXml(xml).feed;
    expect([feed['@_xmlns'], feed['@_xml:lang']]).toEqual(['http://www.w3.org/2005/Atom', 'en']);
  });

  it('carries id, title, subtitle, publisher author, rights and generator', () => {
    const feed = feedOf();
    expect(feed.id).toBe('https://news.example.com/atom.xml');
    expect(feed.title).toEqual({ '#text': 'Wirefeed News', '@_type': 'text' });
    expect(feed.subtitle).toEqual({ '#text': site.description, '@_type': 'text' });
    expect(feed.author).toEqual({ name: 'Wirefeed Desk', uri: 'https://news.example.com/' });
    expect(feed.rights).toEqual({ '#text': site.copyright, '@_type': 'text' });
    expect(feed.generator).toBe('wirefeed');
  });

  it('keeps one feed id on every page of the archive', () => {
    const articles = generatedArticles(45);
    expect([1, 2, 3].map((page) => feedOf(articles, page).id)).toEqual([
      'https://news.example.com/atom.xml',
      'https://news.example.com/atom.xml',
      'https://news.example.com/atom.xml',
    ]);
  });

  it('dates updated with the newest article, and an empty archive 1970-01-01', () => {
    expect(feedOf().updated).toBe('2025-07-15T18:00:00-05:00');
    expect(feedOf([]).updated).toBe('1970-01-01T00:00:00Z');
  });

  it('links to the site, to itself with the Atom media type, and to the hub', () => {
    const links = feedOf().link;
    expect(links).toEqual([
      { '@_rel': 'alternate', '@_type': 'text/html', '@_href': 'https://news.example.com/' },
      { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': 'https://news.example.com/atom.xml' },
      { '@_rel': 'first', '@_type': 'application/atom+xml', '@_href': 'https://news.example.com/atom.xml' },
      { '@_rel': 'last', '@_type': 'application/atom+xml', '@_href': 'https://news.example.com/atom.xml' },
      { '@_rel': 'hub', '@_href': 'https://hub.example.net/' },
    ]);
  });

  it('ends with a newline and gives the same bytes for the same input', () => {
    const page = feedPage([seed, hostileFeedArticle(), bareArticle()]);
    const xml = renderAtom(site, page);
    expect(xml.endsWith('</feed>\n')).toBe(true);
    expect(renderAtom(site, page)).toBe(xml);
  });

  it('is made of the per-entry renderer output', () => {
    expect(renderAtom(site, feedPage([seed]))).toContain(`${renderAtomEntry(site, seed)}\n</feed>`);
  });
});

describe('renderAtomEntry', () => {
  it('renders the seed entry exactly as the fixture', () => {
    const expected = readFileSync(new URL('../../fixtures/feeds/seed-entry.atom.xml', import.meta.url), 'utf8');
    expect(`${renderAtomEntry(site, seed)}\n`).toBe(expected);
  });

  it('carries id, links, dates, contributors, rights, summary and content for the seed', () => {
    const entry = feedOf().entry[0];
    expect(entry['@_xml:lang']).toBeUndefined();
    expect(entry.id).toBe('https://news.example.com/articles/sco-digital-link');
    expect(entry.title).toEqual({ '#text': seed.title, '@_type': 'text' });
    expect(entry.link).toEqual([
      { '@_rel': 'alternate', '@_type': 'text/html', '@_href': 'https://news.example.com/articles/sco-digital-link' },
      { '@_rel': 'via', '@_href': 'https://www.news.cn/', '@_title': 'www.news.cn' },
    ]);
    expect(entry.published).toBe('2025-07-16T00:00:00+08:00');
    expect(entry.updated).toBe('2025-07-16T00:00:00+08:00');
    expect(entry.contributor).toEqual([{ name: 'Yi Yi' }, { name: 'Li Nian' }]);
    expect(entry.rights).toEqual({ '#text': seed.copyright, '@_type': 'text' });
    expect(entry.summary).toEqual({ '#text': seed.summary, '@_type': 'text' });
    expect(entry.content['@_type']).toBe('html');
    expect(entry.content['#text']).toBe(
      `${seed.bodyHtml}\n<p class="credit">Source: <a href="https://www.news.cn/">www.news.cn</a> · Editor: Yi Yi · Responsible editor: Li Nian</p>\n<p class="copyright">${seed.copyright}</p>`,
    );
  });

  it('leaves out via, contributors and rights for an article without a trailer', () => {
    const entry = feedOf().entry[2];
    expect(entry.link).toHaveLength(1);
    expect(entry.contributor).toBeUndefined();
    expect(entry.rights).toBeUndefined();
    expect(entry.category).toEqual([{ '@_term': 'economy' }]);
  });

  it('marks an entry whose language differs from the feed', () => {
    expect(feedOf().entry[1]['@_xml:lang']).toBe('zh-CN');
  });

  it('round-trips the hostile title and attribution, minus control characters, with no script element', () => {
    const entry = feedOf().entry[1];
    expect(entry.title['#text']).toBe(asXmlText(hostileText));
    expect(entry.summary['#text']).toBe(asXmlText(hostileText));
    expect(entry.link[1]).toEqual({
      '@_rel': 'via',
      '@_href': 'https://source.example.org/?a=1&b=<2>',
      '@_title': 'A&B "News"',
    });
    expect(entry.contributor).toEqual([{ name: 'Tom & Jerry <ed>' }, { name: '责任编辑 李念' }]);
    expect(entry.category).toEqual([{ '@_term': 'a&b' }, { '@_term': '<tag>' }, { '@_term': ']]>' }]);
    expect(elementNames(feedOf())).not.toContain('script');
    expect(entry.content['#text']).not.toContain('<script');
  });
});
