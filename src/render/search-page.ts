/** The search page: the form, and a page of results with their matches marked — every text escaped before it is marked. */
import type { Site } from '../model/site.ts';
import { attribute, escapeHtml } from './html.ts';
import { renderLayout, sitePath } from './layout.ts';
import { articlePath, maxSearchLength, searchResultsPath } from './urls.ts';

/** A run of a result's text; `match` runs are what the query found (worker/search/snippet.ts makes them). */
export interface MarkedPart {
  readonly text: string;
  readonly match: boolean;
}

export interface SearchHit {
  readonly slug: string;
  readonly title: readonly MarkedPart[];
  readonly snippet: readonly MarkedPart[];
}

/** What the page shows: nothing asked yet, a query too long, or a page of results. */
export type SearchView =
  | { readonly kind: 'form' }
  | { readonly kind: 'too-long'; readonly query: string }
  | {
      readonly kind: 'results';
      readonly query: string;
      readonly page: number;
      readonly pageCount: number;
      readonly total: number;
      readonly hits: readonly SearchHit[];
    };

/** The escaped text with each match in `<mark>`. */
export function markedHtml(parts: readonly MarkedPart[]): string {
  return parts.map((part) => (part.match ? `<mark>${escapeHtml(part.text)}</mark>` : escapeHtml(part.text))).join('');
}

export function renderSearchPage(site: Site, view: SearchView): string {
  const query = view.kind === 'form' ? '' : view.query;
  const title = view.kind === 'results' ? `Search: ${view.query}` : 'Search';
  return renderLayout(site, {
    language: site.language,
    title: `${title} — ${site.title}`,
    description: `Search the articles of ${site.title}.`,
    head: '<meta name="robots" content="noindex">\n',
    main: `<h1>${escapeHtml(title)}</h1>\n${body(site, view)}`,
    searchQuery: query,
  });
}

function body(site: Site, view: SearchView): string {
  if (view.kind === 'form') return '<p class="empty">Type a word or a phrase in the search box above.</p>';
  if (view.kind === 'too-long')
    return `<p class="empty">A search is at most ${maxSearchLength} characters; this one is longer. Shorten it and search again.</p>`;
  if (view.total === 0) return `<p class="empty">No article matches “${escapeHtml(view.query)}”.</p>`;
  const counted = view.total === 1 ? '1 article matches.' : `${view.total} articles match.`;
  const hits = view.hits
    .map(
      (hit) => `<li class="entry">
<article>
<h2><a ${attribute('href', sitePath(site, articlePath(hit.slug)))}>${markedHtml(hit.title)}</a></h2>
<p class="snippet">${markedHtml(hit.snippet)}</p>
</article>
</li>`,
    )
    .join('\n');
  return `<p class="meta">${counted}</p>\n<ol class="entries">\n${hits}\n</ol>\n${pagination(site, view.query, view.page, view.pageCount)}`;
}

function pagination(site: Site, query: string, page: number, pageCount: number): string {
  if (pageCount <= 1) return '';
  const href = (to: number) => attribute('href', sitePath(site, searchResultsPath(query, 'html', to)));
  const newer =
    page > 1 ? `<a class="newer" rel="prev" ${href(page - 1)}>← Better matches</a>` : '<span class="newer"></span>';
  const older =
    page < pageCount
      ? `<a class="older" rel="next" ${href(page + 1)}>More results →</a>`
      : '<span class="older"></span>';
  return `<nav class="pagination" aria-label="Pagination">
${newer}
<span class="current" aria-current="page">Page ${page} of ${pageCount}</span>
${older}
</nav>`;
}
