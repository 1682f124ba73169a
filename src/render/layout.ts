/** The HTML document shell every page shares: head essentials, feed autodiscovery, banner, main, footer. */
import { responseKinds } from '../model/response-kinds.ts';
import type { Site } from '../model/site.ts';
import { attribute, escapeHtml, link } from './html.ts';
import type { ListIdentity } from './list-identity.ts';
import { sectionDirectoryPath } from './section-urls.ts';
import { stylesheet } from './stylesheet.ts';
import { absoluteUrl, type FeedFormat, feedPath, indexPath, maxSearchLength, searchPath } from './urls.ts';

export interface PageParts {
  /** `<html lang>`: the article's language or the site's. */
  readonly language: string;
  /** The `<title>` text, unescaped. */
  readonly title: string;
  /** Plain-text meta description. */
  readonly description: string;
  /** Extra `<head>` markup (canonical, OpenGraph, JSON-LD), already escaped. */
  readonly head: string;
  /** Inner HTML of `<main>`, already escaped. */
  readonly main: string;
  /** True on the home page (every index page), where the site title in the banner is the page's h1. */
  readonly isHome?: boolean;
  /** A section's own feeds, announced (autodiscovery) before the site's. */
  readonly feeds?: ListIdentity;
  /** The search page's query, shown in the header's search box. */
  readonly searchQuery?: string;
}

const feedTypes: readonly { format: FeedFormat; type: string; label: string; linkText: string }[] = [
  { format: 'rss', type: responseKinds.rss.mediaType, label: 'RSS', linkText: 'RSS feed' },
  { format: 'atom', type: responseKinds.atom.mediaType, label: 'Atom', linkText: 'Atom feed' },
  { format: 'json', type: responseKinds.json.mediaType, label: 'JSON Feed', linkText: 'JSON Feed' },
];

export function renderLayout(site: Site, parts: PageParts): string {
  return `<!DOCTYPE html>
<html ${attribute('lang', parts.language)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(parts.title)}</title>
<meta name="description" ${attribute('content', parts.description)}>
<link rel="icon" ${attribute('href', favicon(site.accentColor))}>
${parts.feeds ? `${feedAutodiscovery(site, parts.feeds)}\n` : ''}${feedAutodiscovery(site)}
${parts.head}<style>${stylesheet(site)}</style>
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
<div class="wrap">
${siteBanner(site, parts.isHome === true)}
${searchForm(site, parts.searchQuery)}
</div>
</header>
<main id="content" class="wrap">
${parts.main}
</main>
<footer class="site-footer">
<div class="wrap">
<nav aria-label="Sections">
<ul class="feeds">
<li>${link(sitePath(site, sectionDirectoryPath('tag')), 'Tags')}</li>
<li>${link(sitePath(site, sectionDirectoryPath('source')), 'Sources')}</li>
</ul>
</nav>
<nav aria-label="Feeds">
<ul class="feeds">
${feedTypes.map(({ format, linkText }) => `<li>${link(sitePath(site, feedPath(format)), linkText)}</li>`).join('\n')}
</ul>
</nav>
<p>${escapeHtml(site.copyright)}</p>
</div>
</footer>
</body>
</html>
`;
}

/**
 * A root-relative href under the site's base path, so in-page links work on whatever host
 * serves the pages (preview, staging, production); absolute URLs stay for canonical and feeds.
 */
export function sitePath(site: Site, path: string): string {
  const basePath = site.baseUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return `${basePath}${path}`;
}

function feedAutodiscovery(site: Site, list?: ListIdentity): string {
  // HTML Standard §4.6.7.1 (rel=alternate with a feed type) and JSON Feed 1.1 "Discovery".
  const title = list?.title ?? site.title;
  const path = list?.feedPath ?? feedPath;
  return feedTypes
    .map(
      ({ format, type, label }) =>
        `<link rel="alternate" ${attribute('type', type)} ${attribute('title', `${title} (${label})`)} ${attribute('href', absoluteUrl(site, path(format)))}>`,
    )
    .join('\n');
}

/** A wire-lines icon in the accent colour, inline: no /favicon.ico request, nothing outside the CSP's img-src data:. */
function favicon(accentColor: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${accentColor}"/><path d="M8 11h16M8 16h16M8 21h10" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/** The search box every page carries: a plain GET form, no script (docs/search.md). */
function searchForm(site: Site, query = ''): string {
  return `<form class="search" role="search" method="get" ${attribute('action', sitePath(site, searchPath))}>
<label for="search-q">Search</label>
<input id="search-q" type="search" name="q" maxlength="${maxSearchLength}" ${attribute('value', query)}>
<button type="submit">Search</button>
</form>`;
}

function siteBanner(site: Site, isHome: boolean): string {
  // On the index the site title is the page's one h1 (a masthead); elsewhere the h1 is the
  // article's or the error's, and the banner is a plain link home.
  const element = isHome ? 'h1' : 'p';
  const className = isHome ? 'site-name masthead' : 'site-name';
  return `<${element} class="${className}">${link(sitePath(site, indexPath()), site.title)}</${element}>
<p class="site-description">${escapeHtml(site.description)}</p>`;
}
