/**
 * What the in-process bench times: the renderers from scratch, and request-time assembly of a page from
 * prebuilt per-item fragments. The `*FromFragments` adapters mirror src/render/*.ts line for line with the
 * items already rendered; they live here alone so that moving them into src/render/ changes only this file.
 * `checkAdapters` proves each one byte-identical to its renderer before anything is timed.
 */
import type { Article } from '../src/article.ts';
import { renderArticlePage } from '../src/render/article-page.ts';
import { ATOM_MEDIA_TYPE, renderAtom, renderAtomEntry } from '../src/render/atom.ts';
import { formatDisplayDate } from '../src/render/display-date.ts';
import { archiveUpdated, rfc822Date, rfc3339Date } from '../src/render/feed-dates.ts';
import type { FeedPage } from '../src/render/feed-page.ts';
import { attribute, escapeHtml, link } from '../src/render/html.ts';
import { renderIndexPage } from '../src/render/index-page.ts';
import { jsonFeedItem, renderJsonFeed } from '../src/render/json-feed.ts';
import { renderLayout, sitePath } from '../src/render/layout.ts';
import { linkElements, pagingLinks } from '../src/render/paging-links.ts';
import { RSS_MEDIA_TYPE, renderRss, renderRssItem } from '../src/render/rss.ts';
import { absoluteUrl, articlePath, feedPath, indexPath } from '../src/render/urls.ts';
import { element, escapeXml, XML_DECLARATION } from '../src/render/xml.ts';
import type { Site } from '../src/site.ts';

/** Per-item fragments as a build would store them: strings, ready to join. */
export interface Fragments {
  readonly rss: readonly string[];
  readonly atom: readonly string[];
  /** Each item's JSON text, already indented for its place in `items` (4 spaces). */
  readonly json: readonly string[];
  readonly index: readonly string[];
}

export function prebuildFragments(site: Site, articles: readonly Article[]): Fragments {
  return {
    rss: articles.map((article) => renderRssItem(site, article)),
    atom: articles.map((article) => renderAtomEntry(site, article)),
    json: articles.map((article) => JSON.stringify(jsonFeedItem(site, article), null, 2).replaceAll('\n', '\n    ')),
    index: articles.map((article) => indexEntry(site, article)),
  };
}

/** Mirrors renderRss (src/render/rss.ts) with the `<item>`s prebuilt. */
export function rssFromFragments(site: Site, page: FeedPage, items: readonly string[]): string {
  const channel = [
    element('title', {}, site.title),
    element('link', {}, absoluteUrl(site, indexPath())),
    element('description', {}, site.description),
    element('language', {}, site.language),
    element('copyright', {}, site.copyright),
    element('lastBuildDate', {}, rfc822Date(archiveUpdated(page))),
    element('docs', {}, 'https://www.rssboard.org/rss-specification'),
    element('generator', {}, 'wirefeed'),
  ].map((line) => `    ${line}`);
  return [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    ...channel,
    ...linkElements(site, pagingLinks(site, 'rss', page), 'atom:link', RSS_MEDIA_TYPE, '    '),
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

const person = (name: string, url?: string): string =>
  `${element('name', {}, name)}${url === undefined ? '' : element('uri', {}, url)}`;

/** Mirrors renderAtom (src/render/atom.ts) with the `<entry>`s prebuilt. */
export function atomFromFragments(site: Site, page: FeedPage, entries: readonly string[]): string {
  const head = [
    element('id', {}, absoluteUrl(site, feedPath('atom'))),
    element('title', { type: 'text' }, site.title),
    element('subtitle', { type: 'text' }, site.description),
    element('updated', {}, rfc3339Date(archiveUpdated(page))),
    `<author>${person(site.publisher.name, site.publisher.url)}</author>`,
    element('rights', { type: 'text' }, site.copyright),
    element('generator', {}, 'wirefeed'),
    element('link', { rel: 'alternate', type: 'text/html', href: absoluteUrl(site, indexPath()) }),
  ].map((line) => `  ${line}`);
  return [
    XML_DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(site.language)}">`,
    ...head,
    ...linkElements(site, pagingLinks(site, 'atom', page), 'link', ATOM_MEDIA_TYPE, '  '),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

/** Mirrors renderJsonFeed (src/render/json-feed.ts): the top level is stringified, the items are spliced in. */
export function jsonFeedFromFragments(site: Site, page: FeedPage, items: readonly string[]): string {
  const links = pagingLinks(site, 'json', page);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: site.title,
    home_page_url: absoluteUrl(site, indexPath()),
    feed_url: absoluteUrl(site, feedPath('json')),
    description: site.description,
    language: site.language,
    authors: [{ name: site.publisher.name, ...(site.publisher.url !== undefined ? { url: site.publisher.url } : {}) }],
    ...(site.websubHub !== undefined ? { hubs: [{ type: 'WebSub', url: site.websubHub }] } : {}),
    ...(links.next !== undefined ? { next_url: links.next } : {}),
    _wirefeed: {
      copyright: site.copyright,
      ...(page.archiveUpdated !== undefined ? { updated: rfc3339Date(page.archiveUpdated) } : {}),
      paging: {
        self: links.self,
        first: links.first,
        ...(links.previous !== undefined ? { previous: links.previous } : {}),
        ...(links.next !== undefined ? { next: links.next } : {}),
        last: links.last,
      },
    },
  };
  const head = JSON.stringify(feed, null, 2).slice(0, -2); // without the closing "\n}"
  const list = items.length === 0 ? '[]' : `[\n    ${items.join(',\n    ')}\n  ]`;
  return `${head},\n  "items": ${list}\n}\n`;
}

/** Mirrors the private `entry` of src/render/index-page.ts: one `<li>` of the index. */
function indexEntry(site: Site, article: Article): string {
  const source =
    article.source === undefined
      ? ''
      : ` <span class="separator" aria-hidden="true">·</span> ${escapeHtml(article.source.name)}`;
  return `<li class="entry" ${attribute('lang', article.language)}>
<article>
<h2>${link(sitePath(site, articlePath(article.slug)), article.title)}</h2>
<p class="meta"><time ${attribute('datetime', article.published.iso)}>${escapeHtml(formatDisplayDate(article.published))}</time>${source}</p>
<p class="summary">${escapeHtml(article.summary)}</p>
</article>
</li>`;
}

/** Mirrors renderIndexPage (src/render/index-page.ts) for a single-page archive, with the `<li>`s prebuilt. */
export function indexFromFragments(site: Site, page: FeedPage, entries: readonly string[]): string {
  if (page.pageCount !== 1 || page.page !== 1) throw new Error('indexFromFragments mirrors a one-page archive only');
  const canonical = absoluteUrl(site, indexPath(page.page));
  const meta = (property: string, content: string): string =>
    `<meta ${attribute('property', property)} ${attribute('content', content)}>\n`;
  const head =
    `<link rel="canonical" ${attribute('href', canonical)}>\n` +
    meta('og:type', 'website') +
    meta('og:title', site.title) +
    meta('og:description', site.description) +
    meta('og:url', canonical) +
    meta('og:site_name', site.title);
  const list =
    entries.length === 0
      ? '<p class="empty">No articles yet.</p>'
      : `<ol class="entries">\n${entries.join('\n')}\n</ol>`;
  return renderLayout(site, {
    language: site.language,
    title: site.title,
    description: site.description,
    head,
    main: `${list}\n`,
    isHome: true,
  });
}

/** Throws unless every adapter gives the renderer's exact bytes for `page`. */
export function checkAdapters(site: Site, page: FeedPage, fragments: Fragments): void {
  const pairs: [string, string, string][] = [
    ['rss', renderRss(site, page), rssFromFragments(site, page, fragments.rss)],
    ['atom', renderAtom(site, page), atomFromFragments(site, page, fragments.atom)],
    ['json', renderJsonFeed(site, page), jsonFeedFromFragments(site, page, fragments.json)],
    ['index', renderIndexPage(site, page), indexFromFragments(site, page, fragments.index)],
  ];
  for (const [name, expected, actual] of pairs) {
    if (expected !== actual) {
      let at = 0;
      while (expected[at] === actual[at]) at++;
      throw new Error(
        `bench/subjects.ts: ${name} adapter differs from the renderer at ${at}: ${JSON.stringify(expected.slice(at, at + 60))} vs ${JSON.stringify(actual.slice(at, at + 60))}`,
      );
    }
  }
}

export { renderArticlePage, renderAtom, renderIndexPage, renderJsonFeed, renderRss };
