import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRssItem } from '../../../src/render/rss.ts';
import { bareArticle, seedArticle } from '../../support/articles.ts';
import { hostileFeedArticle, hostileText } from '../../support/hostile.ts';
import { feedPage, feedSite as site } from '../../support/sites.ts';
import { renderRss } from '../../support/whole-documents.ts';
import { asXmlText, elementNames, parseXml } from '../../support/xml.ts';

const seed = seedArticle(site);
const channelOf = (articles = [seed, hostileFeedArticle(), bareArticle()]) =>
  parseXml(renderRss(site, feedPage(articles))).rss.channel;

describe('renderRss channel', () => {
  it('starts with the XML declaration and declares atom, content and dc on the root', () => {
    const xml = renderRss(site, feedPage([seed]));
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" ')).toBe(true);
    const root = parseXml(xml).rss;
    expect([root['@_version'], root['@_xmlns:atom'], root['@_xmlns:content'], root['@_xmlns:dc']]).toEqual([
      '2.0',
      'http://www.w3.org/2005/Atom',
      'http://purl.org/rss/1.0/modules/content/',
      'http://purl.org/dc/elements/1.1/',
    ]);
  });

  it('carries title, site link, description, language, rights, docs and generator', () => {
    const channel = channelOf();
    expect(channel.title).toBe('Wirefeed News');
    expect(channel.link).toBe('https://news.example.com/');
    expect(channel.description).toBe(site.description);
    expect(channel.language).toBe('en');
    expect(channel.copyright).toBe(site.copyright);
    expect(channel.docs).toBe('https://www.rssboard.org/rss-specification');
    expect(channel.generator).toBe('wirefeed');
  });

  it('dates lastBuildDate with the newest article, not the clock', () => {
    expect(channelOf().lastBuildDate).toBe('Tue, 15 Jul 2025 18:00:00 -0500');
  });

  it('dates an empty archive 1970-01-01 and lists no items', () => {
    const channel = channelOf([]);
    expect(channel.lastBuildDate).toBe('Thu, 01 Jan 1970 00:00:00 +0000');
    expect(channel.item).toBeUndefined();
  });

  it('links to itself with the RSS media type, and to the WebSub hub', () => {
    const links = channelOf()['atom:link'];
    expect(links[0]).toEqual({
      '@_rel': 'self',
      '@_type': 'application/rss+xml',
      '@_href': 'https://news.example.com/rss.xml',
    });
    expect(links.at(-1)).toEqual({ '@_rel': 'hub', '@_href': 'https://hub.example.net/' });
  });

  it('ends with a newline and gives the same bytes for the same input', () => {
    const page = feedPage([seed, hostileFeedArticle(), bareArticle()]);
    const xml = renderRss(site, page);
    expect(xml.endsWith('</rss>\n')).toBe(true);
    expect(renderRss(site, page)).toBe(xml);
  });

  it('is made of the per-item renderer output', () => {
    expect(renderRss(site, feedPage([seed]))).toContain(`${renderRssItem(site, seed)}\n  </channel>`);
  });
});

describe('renderRssItem', () => {
  it('renders the seed item exactly as the fixture', () => {
    const expected = readFileSync(new URL('../../fixtures/feeds/seed-item.rss.xml', import.meta.url), 'utf8');
    expect(`${renderRssItem(site, seed)}\n`).toBe(expected);
  });

  it('carries permalink, permalink guid, dates, summary, content and attribution for the seed', () => {
    const item = channelOf().item[0];
    expect(item.title).toBe(seed.title);
    expect(item.link).toBe('https://news.example.com/articles/sco-digital-link');
    expect(item.guid).toEqual({
      '#text': 'https://news.example.com/articles/sco-digital-link',
      '@_isPermaLink': 'true',
    });
    expect(item.pubDate).toBe('Wed, 16 Jul 2025 00:00:00 +0800');
    expect(item['atom:updated']).toBe('2025-07-16T00:00:00+08:00');
    // RSS 2.0: description is entity-encoded HTML, so the summary's quotes arrive as HTML character references.
    expect(item.description).toBe(seed.summary.replaceAll('"', '&quot;'));
    expect(item['content:encoded']).toBe(
      `${seed.bodyHtml}\n<p class="credit">Source: <a href="https://www.news.cn/">www.news.cn</a> · Editor: Yi Yi · Responsible editor: Li Nian</p>\n<p class="copyright">${seed.copyright}</p>`,
    );
    expect(item.source).toEqual({ '#text': 'www.news.cn', '@_url': 'https://www.news.cn/' });
    expect(item['dc:contributor']).toEqual(['Yi Yi', 'Li Nian']);
    expect(item['dc:rights']).toBe(seed.copyright);
    expect(item['dc:language']).toBeUndefined();
  });

  it('keeps the guid when the title and text are edited', () => {
    const edited = { ...seed, title: 'Corrected title', bodyHtml: '<p>New</p>', summary: 'New' };
    expect(channelOf([edited]).item[0].guid['#text']).toBe(channelOf([seed]).item[0].guid['#text']);
  });

  it('leaves out source, contributors and rights for an article without a trailer', () => {
    const item = channelOf().item[2];
    expect(Object.keys(item).filter((key) => key !== '#text')).toEqual([
      'title',
      'link',
      'guid',
      'pubDate',
      'atom:updated',
      'description',
      'content:encoded',
      'category',
    ]);
    expect(item.category).toEqual(['economy']);
    expect(item['atom:updated']).toBe('2025-07-11T08:00:00Z');
  });

  it('round-trips the hostile title and attribution through a real XML parser, minus control characters', () => {
    const item = channelOf().item[1];
    expect(item.title).toBe(asXmlText(hostileText));
    expect(item['dc:contributor']).toEqual(['Tom & Jerry <ed>', '责任编辑 李念']);
    expect(item.source).toEqual({ '#text': 'A&B "News"', '@_url': 'https://source.example.org/?a=1&b=<2>' });
    expect(item['dc:rights']).toBe('Rights ]]> & <reserved>');
    expect(item.category).toEqual(['a&b', '<tag>', ']]>']);
    expect(item['dc:language']).toBe('zh-CN');
  });

  it('never lets the hostile text become a script element, in the feed or in its HTML', () => {
    const item = channelOf().item[1];
    expect(elementNames(channelOf())).not.toContain('script');
    expect(item.description).toBe(
      asXmlText(hostileText).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
    );
    expect(item['content:encoded']).not.toContain('<script');
  });
});
