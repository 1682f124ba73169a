import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/article.ts';
import { absoluteUrl, type FeedFormat, feedPath } from '../../../src/render/urls.ts';
import { generatedArticles } from '../../support/articles.ts';
import { feedPage, feedSite as site } from '../../support/sites.ts';
import { renderAtom, renderJsonFeed, renderRss } from '../../support/whole-documents.ts';
import { parseXml, type XmlTree } from '../../support/xml.ts';

const articles = generatedArticles(45);
const pageSize = 20;

/** What one fetched page tells a client: its item ids and its RFC 5005 links. */
interface PageView {
  readonly ids: string[];
  readonly links: Partial<Record<'self' | 'first' | 'previous' | 'next' | 'last', string>>;
}

const linksByRel = (links: { '@_rel': string; '@_href': string }[]) =>
  Object.fromEntries(links.filter((l) => l['@_rel'] !== 'hub').map((l) => [l['@_rel'], l['@_href']]));

const readers: Record<FeedFormat, (body: string) => PageView> = {
  rss: (body) => {
    const channel = parseXml(body).rss.channel;
    return { ids: channel.item.map((i: XmlTree) => i.guid['#text']), links: linksByRel(channel['atom:link']) };
  },
  atom: (body) => {
    const feed = parseXml(body).feed;
    return {
      ids: feed.entry.map((e: XmlTree) => e.id),
      links: linksByRel(feed.link.filter((l: XmlTree) => l['@_rel'] !== 'alternate')),
    };
  },
  json: (body) => {
    const feed = JSON.parse(body);
    return { ids: feed.items.map((i: XmlTree) => i.id), links: { ...feed._wirefeed.paging, next: feed.next_url } };
  },
};

const renderers = { rss: renderRss, atom: renderAtom, json: renderJsonFeed } as const;

/** Every page of the archive by its URL, as the routes would serve them. */
function served(format: FeedFormat, all: readonly Article[]): Map<string, string> {
  const pageCount = Math.ceil(all.length / pageSize);
  return new Map(
    Array.from({ length: pageCount }, (_, i) => [
      absoluteUrl(site, feedPath(format, i + 1)),
      renderers[format](site, feedPage(all, i + 1, pageSize)),
    ]),
  );
}

describe.each(['rss', 'atom', 'json'] as const)('paging through 45 articles in %s, 20 a page', (format) => {
  const pages = served(format, articles);
  const first = absoluteUrl(site, feedPath(format, 1));
  const last = absoluteUrl(site, feedPath(format, 3));

  const walk = (): PageView[] => {
    const views: PageView[] = [];
    for (let url: string | undefined = first; url !== undefined; ) {
      const body = pages.get(url);
      if (body === undefined) throw new Error(`no page at ${url}`);
      const view = readers[format](body);
      views.push(view);
      url = view.links.next;
      if (views.length > 10) throw new Error('next links loop');
    }
    return views;
  };

  it('following next from page 1 reaches every article exactly once, newest first', () => {
    expect(walk().flatMap((view) => view.ids)).toEqual(
      articles.map((a) => `https://news.example.com/articles/${a.slug}`),
    );
  });

  it('visits three pages, each naming itself', () => {
    expect(walk().map((view) => view.links.self)).toEqual([first, `${first}?page=2`, last]);
  });

  it('gives every page the same first and last links', () => {
    expect(walk().map((view) => [view.links.first, view.links.last])).toEqual([
      [first, last],
      [first, last],
      [first, last],
    ]);
  });

  it('has no previous on the first page and no next on the last', () => {
    const views = walk();
    expect(views[0]?.links.previous).toBeUndefined();
    expect(views[2]?.links.next).toBeUndefined();
    expect(views[2]?.links.previous).toBe(`${first}?page=2`);
    expect(views[1]?.links.previous).toBe(first);
  });
});
