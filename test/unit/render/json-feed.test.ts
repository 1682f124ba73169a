import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonFeedItem } from '../../../src/render/json-feed.ts';
import { bareArticle, seedArticle } from '../../support/articles.ts';
import { hostileFeedArticle, hostileText } from '../../support/hostile.ts';
import { feedPage, feedSite as site } from '../../support/sites.ts';
import { renderJsonFeed } from '../../support/whole-documents.ts';

const seed = seedArticle(site);
const feedOf = (articles = [seed, hostileFeedArticle(), bareArticle()]) =>
  JSON.parse(renderJsonFeed(site, feedPage(articles)));

describe('renderJsonFeed', () => {
  it('writes the JSON Feed 1.1 top level in a fixed key order', () => {
    const feed = feedOf();
    expect(Object.keys(feed)).toEqual([
      'version',
      'title',
      'home_page_url',
      'feed_url',
      'description',
      'language',
      'authors',
      'hubs',
      '_wirefeed',
      'items',
    ]);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Wirefeed News');
    expect(feed.home_page_url).toBe('https://news.example.com/');
    expect(feed.feed_url).toBe('https://news.example.com/feed.json');
    expect(feed.language).toBe('en');
    expect(feed.authors).toEqual([{ name: 'Wirefeed Desk', url: 'https://news.example.com/' }]);
    expect(feed.hubs).toEqual([{ type: 'WebSub', url: 'https://hub.example.net/' }]);
  });

  it('puts rights, the archive date and the paging links in the _wirefeed extension', () => {
    expect(feedOf()._wirefeed).toEqual({
      copyright: site.copyright,
      updated: '2025-07-15T18:00:00-05:00',
      paging: {
        self: 'https://news.example.com/feed.json',
        first: 'https://news.example.com/feed.json',
        last: 'https://news.example.com/feed.json',
      },
    });
  });

  it('gives an empty archive no items, no next_url and no updated date', () => {
    const feed = feedOf([]);
    expect(feed.items).toEqual([]);
    expect(feed.next_url).toBeUndefined();
    expect(feed._wirefeed.updated).toBeUndefined();
  });

  it('ends with a newline and gives the same bytes for the same input', () => {
    const page = feedPage([seed, hostileFeedArticle(), bareArticle()]);
    const json = renderJsonFeed(site, page);
    expect(json.endsWith('}\n')).toBe(true);
    expect(renderJsonFeed(site, page)).toBe(json);
  });
});

describe('jsonFeedItem', () => {
  it('renders the seed item exactly as the fixture', () => {
    const expected = readFileSync(new URL('../../fixtures/feeds/seed-item.json', import.meta.url), 'utf8');
    expect(`${JSON.stringify(jsonFeedItem(site, seed), null, 2)}\n`).toBe(expected);
  });

  it('is what the page renderer writes for each item', () => {
    expect(feedOf([seed]).items).toEqual([jsonFeedItem(site, seed)]);
  });

  it('carries id, dates, summary, both contents, language and attribution for the seed', () => {
    const item = feedOf().items[0];
    expect(item.id).toBe('https://news.example.com/articles/sco-digital-link');
    expect(item.url).toBe('https://news.example.com/articles/sco-digital-link');
    expect(item.title).toBe(seed.title);
    expect(item.summary).toBe(seed.summary);
    expect(item.content_text).toBe(seed.bodyText);
    expect(item.content_html).toBe(
      `${seed.bodyHtml}\n<p class="credit">Source: <a href="https://www.news.cn/">www.news.cn</a> · Editor: Yi Yi · Responsible editor: Li Nian</p>\n<p class="copyright">${seed.copyright}</p>`,
    );
    expect(item.date_published).toBe('2025-07-16T00:00:00+08:00');
    expect(item.date_modified).toBe('2025-07-16T00:00:00+08:00');
    expect(item.language).toBe('en');
    expect(item.authors).toBeUndefined();
    expect(item._wirefeed).toEqual({
      source: { name: 'www.news.cn', url: 'https://www.news.cn/' },
      editor: 'Yi Yi',
      responsible_editor: 'Li Nian',
      copyright: seed.copyright,
      ninjs: 'https://news.example.com/articles/sco-digital-link.ninjs.json',
    });
  });

  it('links only its ninjs document in _wirefeed for an article without a trailer', () => {
    const item = feedOf().items[2];
    expect(item._wirefeed).toEqual({ ninjs: 'https://news.example.com/articles/bare.ninjs.json' });
    expect(item.tags).toEqual(['economy']);
  });

  it('carries the hostile text exactly, control characters included, since JSON can', () => {
    const item = feedOf().items[1];
    expect(item.title).toBe(hostileText);
    expect(item.content_text).toBe(hostileFeedArticle().bodyText);
    expect(item._wirefeed.responsible_editor).toBe('责任编辑 李念');
    expect(item.language).toBe('zh-CN');
  });
});
