/** The HTML index: one page of the newest-first archive, with pagination and feed autodiscovery. */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { joinedParts, type Part } from '../shared/encode-parts.ts';
import { formatDisplayDate } from './display-date.ts';
import type { PageInfo } from './feed-page.ts';
import { attribute, escapeHtml, link, metaProperty } from './html.ts';
import { renderLayout, sitePath } from './layout.ts';
import { type ListIdentity, listIdentity } from './list-identity.ts';
import { thumbnailHtml } from './media-elements.ts';
import { sectionHeading } from './section-pages.ts';
import { absoluteUrl, articlePath } from './urls.ts';

/** The page around entries rendered once, at build time, by renderIndexEntry; a section's page when `page.section` is set. */
export function renderIndexDocument(site: Site, page: PageInfo, entries: readonly string[]): string {
  const list = listIdentity(site, page.section);
  const title = page.page === 1 ? list.title : `Page ${page.page} of ${page.pageCount} — ${list.title}`;
  const heading = page.section === undefined ? '' : `${sectionHeading(site, page.section)}\n`;
  return renderLayout(site, {
    language: site.language,
    title,
    description: list.description,
    head: indexHead(site, page, title, list),
    main: `${heading}${entryList(entries)}\n${pagination(site, page, list)}`,
    isHome: page.section === undefined,
    ...(page.section === undefined ? {} : { feeds: list }),
  });
}

/** Stands for the entries while the page around them is rendered; escaped text can never contain it. */
const entriesMark = '<!--\u0000wirefeed entries\u0000-->';
const decoder = new TextDecoder();

/**
 * renderIndexDocument's text as parts: the page around the entries, and the entries themselves (text or
 * stored bytes) between it, for a route to encode without decoding them. Exactly renderIndexDocument's text.
 */
export function indexDocumentParts(site: Site, page: PageInfo, entries: readonly Part[]): Part[] {
  const text = (entry: Part) => (typeof entry === 'string' ? entry : decoder.decode(entry));
  if (entries.length === 0) return [renderIndexDocument(site, page, [])];
  const around = pageAround(site, page);
  // Never expected (the mark is not text any renderer writes); then the entries are decoded and joined.
  if (around === undefined) return [renderIndexDocument(site, page, entries.map(text))];
  return [around[0], ...joinedParts(entries, '\n'), around[1]];
}

/** Pages around the entries by site and page (its number, count, archive date and section), at most `keptPages` a site. */
const arounds = new WeakMap<Site, Map<string, readonly [Uint8Array, Uint8Array] | undefined>>();
const encoder = new TextEncoder();
const keptPages = 64;

/**
 * The page before and after its entries, as UTF-8; undefined when the mark is not found exactly once. The
 * layout is most of a cold index page's cost (rendering its head, stylesheet and navigation, then measuring and
 * encoding them), the same for every request of that page within one version: done once per isolate and page.
 * The bytes are only ever copied out (encodeParts), never handed on.
 */
function pageAround(site: Site, page: PageInfo): readonly [Uint8Array, Uint8Array] | undefined {
  let kept = arounds.get(site);
  if (kept === undefined) {
    kept = new Map();
    arounds.set(site, kept);
  }
  const key = JSON.stringify(page);
  if (kept.has(key)) return kept.get(key);
  const around = renderIndexDocument(site, page, [entriesMark]);
  const at = around.indexOf(entriesMark);
  const parts: readonly [Uint8Array, Uint8Array] | undefined =
    at === -1 || around.indexOf(entriesMark, at + 1) !== -1
      ? undefined
      : [encoder.encode(around.slice(0, at)), encoder.encode(around.slice(at + entriesMark.length))];
  if (kept.size >= keptPages) kept.clear();
  kept.set(key, parts);
  return parts;
}

function indexHead(site: Site, page: PageInfo, title: string, list: ListIdentity): string {
  const canonical = absoluteUrl(site, list.htmlPath(page.page));
  return (
    `<link rel="canonical" ${attribute('href', canonical)}>\n` +
    metaProperty('og:type', 'website') +
    metaProperty('og:title', title) +
    metaProperty('og:description', list.description) +
    metaProperty('og:url', canonical) +
    metaProperty('og:site_name', site.title)
  );
}

function entryList(entries: readonly string[]): string {
  if (entries.length === 0) return '<p class="empty">No articles yet.</p>';
  return `<ol class="entries">\n${entries.join('\n')}\n</ol>`;
}

/** One article's `<li>` in the index. */
export function renderIndexEntry(site: Site, article: Article): string {
  const source =
    article.source === undefined
      ? ''
      : ` <span class="separator" aria-hidden="true">·</span> ${escapeHtml(article.source.name)}`;
  return `<li class="entry" ${attribute('lang', article.language)}>
<article>
${thumbnailHtml(site, article.image)}<h2>${link(sitePath(site, articlePath(article.slug)), article.title)}</h2>
<p class="meta"><time ${attribute('datetime', article.published.iso)}>${escapeHtml(formatDisplayDate(article.published))}</time>${source}</p>
<p class="summary">${escapeHtml(article.summary)}</p>
</article>
</li>`;
}

function pagination(site: Site, page: PageInfo, { htmlPath: indexPath }: ListIdentity): string {
  if (page.pageCount <= 1) return '';
  const newer =
    page.page > 1
      ? `<a class="newer" rel="prev" ${attribute('href', sitePath(site, indexPath(page.page - 1)))}>← Newer</a>`
      : '<span class="newer"></span>';
  const older =
    page.page < page.pageCount
      ? `<a class="older" rel="next" ${attribute('href', sitePath(site, indexPath(page.page + 1)))}>Older →</a>`
      : '<span class="older"></span>';
  return `<nav class="pagination" aria-label="Pagination">
${newer}
<span class="current" aria-current="page">Page ${page.page} of ${page.pageCount}</span>
${older}
</nav>`;
}
