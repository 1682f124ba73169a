import { parseFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { rfc822Date, rfc3339Date } from '../../../src/render/feed-dates.ts';
import { articleUrl } from '../../../src/render/urls.ts';
import { bareArticle, generatedArticles, seedArticle } from '../../support/articles.ts';
import { hostileFeedArticle } from '../../support/hostile.ts';
import { feedPage, feedSite as site } from '../../support/sites.ts';
import { renderAtom, renderJsonFeed, renderRss } from '../../support/whole-documents.ts';
import { asXmlText } from '../../support/xml.ts';

// An independent feed parser (feedsmith) reads what we wrote; it must see the input articles.
const articles = [seedArticle(site), hostileFeedArticle(), bareArticle(), ...generatedArticles(5)];
const page = feedPage(articles);

describe('an independent feed parser (feedsmith)', () => {
  it('reads the RSS feed: titles, guids, links, dates, sources, contributors', () => {
    const parsed = parseFeed(renderRss(site, page));
    if (parsed.format !== 'rss') throw new Error(`detected ${parsed.format}`);
    const items = parsed.feed.items ?? [];
    expect(items.map((i) => i.title)).toEqual(articles.map((a) => asXmlText(a.title)));
    expect(items.map((i) => i.guid)).toEqual(articles.map((a) => ({ value: articleUrl(site, a), isPermaLink: true })));
    expect(items.map((i) => i.link)).toEqual(articles.map((a) => articleUrl(site, a)));
    expect(items.map((i) => i.pubDate)).toEqual(articles.map((a) => rfc822Date(a.published)));
    expect(items.map((i) => i.atom?.updated)).toEqual(articles.map((a) => rfc3339Date(a.updated)));
    expect(items.map((i) => i.source)).toEqual(
      articles.map((a) => a.source && { title: a.source.name, url: a.source.url }),
    );
    expect(items.map((i) => i.dc?.contributors)).toEqual(
      articles.map((a) => {
        const names = [a.editor, a.responsibleEditor].filter((n) => n !== undefined);
        return names.length > 0 ? names : undefined;
      }),
    );
    expect(parsed.feed.lastBuildDate).toBe('Tue, 15 Jul 2025 18:00:00 -0500');
    expect(parsed.feed.atom?.links?.[0]).toEqual({
      href: 'https://news.example.com/rss.xml',
      rel: 'self',
      type: 'application/rss+xml',
    });
  });

  it('reads the Atom feed: titles, ids, links, dates, contributors', () => {
    const parsed = parseFeed(renderAtom(site, page));
    if (parsed.format !== 'atom') throw new Error(`detected ${parsed.format}`);
    const entries = parsed.feed.entries ?? [];
    expect(entries.map((e) => e.title)).toEqual(articles.map((a) => ({ value: asXmlText(a.title), type: 'text' })));
    expect(entries.map((e) => e.id)).toEqual(articles.map((a) => articleUrl(site, a)));
    expect(entries.map((e) => e.links?.[0]?.href)).toEqual(articles.map((a) => articleUrl(site, a)));
    expect(entries.map((e) => e.links?.[1]?.href)).toEqual(articles.map((a) => a.source?.url));
    expect(entries.map((e) => e.published)).toEqual(articles.map((a) => rfc3339Date(a.published)));
    expect(entries.map((e) => e.updated)).toEqual(articles.map((a) => rfc3339Date(a.updated)));
    expect(entries[0]?.contributors).toEqual([{ name: 'Yi Yi' }, { name: 'Li Nian' }]);
    expect(parsed.feed.id).toBe('https://news.example.com/atom.xml');
    expect(parsed.feed.updated).toBe('2025-07-15T18:00:00-05:00');
  });

  it('reads the JSON Feed: titles, ids, urls, dates, texts', () => {
    const parsed = parseFeed(renderJsonFeed(site, page));
    if (parsed.format !== 'json') throw new Error(`detected ${parsed.format}`);
    const items = parsed.feed.items ?? [];
    expect(items.map((i) => i.title)).toEqual(articles.map((a) => a.title));
    expect(items.map((i) => i.id)).toEqual(articles.map((a) => articleUrl(site, a)));
    expect(items.map((i) => i.url)).toEqual(articles.map((a) => articleUrl(site, a)));
    expect(items.map((i) => i.date_published)).toEqual(articles.map((a) => rfc3339Date(a.published)));
    expect(items.map((i) => i.date_modified)).toEqual(articles.map((a) => rfc3339Date(a.updated)));
    expect(items.map((i) => i.content_text)).toEqual(articles.map((a) => a.bodyText));
    expect(parsed.feed.feed_url).toBe('https://news.example.com/feed.json');
  });
});
