/** `/search.json`: a page of search results as a JSON Feed 1.1 — the items as `/feed.json` has them, each with its snippet. */
import type { Site } from '../model/site.ts';
import { type MarkedPart, markedHtml } from './search-page.ts';
import { absoluteUrl, searchResultsPath } from './urls.ts';

export interface SearchFeedPage {
  readonly query: string;
  readonly page: number;
  readonly pageCount: number;
  readonly total: number;
  /** Each result's stored JSON Feed item (as /feed.json serves it) and its snippet, best first. */
  readonly items: readonly { readonly item: Record<string, unknown>; readonly snippet: readonly MarkedPart[] }[];
}

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1): `summary` is the snippet as plain text, and the extension
 * `_wirefeed.snippet_html` the same with its matches in `<mark>` (escaped HTML). `next_url` pages on.
 */
export function renderSearchFeed(site: Site, page: SearchFeedPage): string {
  const url = (format: 'html' | 'json', to = 1) => absoluteUrl(site, searchResultsPath(page.query, format, to));
  const items = page.items.map(({ item, snippet }) => {
    const extension = (item._wirefeed ?? {}) as Record<string, unknown>;
    return {
      ...item,
      summary: snippet.map((part) => part.text).join(''),
      _wirefeed: { ...extension, snippet_html: markedHtml(snippet) },
    };
  });
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: `Search: ${page.query} — ${site.title}`,
    home_page_url: url('html'),
    feed_url: url('json'),
    description: `Articles of ${site.title} matching “${page.query}”, best match first.`,
    language: site.language,
    ...(page.page < page.pageCount ? { next_url: url('json', page.page + 1) } : {}),
    _wirefeed: {
      query: page.query,
      total: page.total,
      page: page.page,
      pageCount: page.pageCount,
      copyright: site.copyright,
    },
    items,
  };
  // Escaped `<` keeps the feed inert wherever it is embedded (STYLE: JSON with `<` escaped).
  return `${JSON.stringify(feed, null, 2).replace(/</g, '\\u003c')}\n`;
}
