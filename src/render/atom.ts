/** Atom 1.0 rendering (RFC 4287), with RFC 5005 paging links and per-entry attribution. */
import type { Article } from '../model/article.ts';
import { responseKinds } from '../model/response-kinds.ts';
import type { Site } from '../model/site.ts';
import { joinedParts, type Part } from '../shared/encode-parts.ts';
import { contentHtml } from './credit-line.ts';
import { archiveUpdated, rfc3339Date } from './feed-dates.ts';
import type { PageInfo } from './feed-page.ts';
import { listIdentity } from './list-identity.ts';
import { atomMediaElements, MEDIA_RSS_NAMESPACE } from './media-elements.ts';
import { linkElements, pagingLinks } from './paging-links.ts';
import { TOMBSTONES_NAMESPACE } from './tombstones.ts';
import { absoluteUrl, articleUrl } from './urls.ts';
import { element, escapeXml, XML_DECLARATION } from './xml.ts';

const person = (name: string, url?: string): string =>
  `${element('name', {}, name)}${url === undefined ? '' : element('uri', {}, url)}`;

/** One `<entry>`, indented for its place in the feed. */
export function renderAtomEntry(site: Site, article: Article): string {
  const url = articleUrl(site, article);
  const lines = [
    // RFC 4287 §4.2.6: the id never changes; the permalink (from the slug) is the article's identity.
    element('id', {}, url),
    element('title', { type: 'text' }, article.title),
    element('link', { rel: 'alternate', type: 'text/html', href: url }),
  ];
  // RFC 4287 §4.2.7.2: rel="via" names the source of the information. (atom:source is for a source *feed*.)
  if (article.source?.url !== undefined) {
    lines.push(element('link', { rel: 'via', href: article.source.url, title: article.source.name }));
  } else if (article.source !== undefined) {
    // RFC 4287 §4.2.11: no address to link, so the source's name travels as atom:source's title.
    lines.push(`<source>${element('title', {}, article.source.name)}</source>`);
  }
  lines.push(element('published', {}, rfc3339Date(article.published)));
  lines.push(element('updated', {}, rfc3339Date(article.updated)));
  // The editors edited, they did not write: contributors. The feed-level <author> is the publisher.
  if (article.editor !== undefined) lines.push(`<contributor>${person(article.editor)}</contributor>`);
  if (article.responsibleEditor !== undefined) {
    lines.push(`<contributor>${person(article.responsibleEditor)}</contributor>`);
  }
  // RFC 4287 §4.2.10: without its own rights the entry falls under the feed's.
  if (article.copyright !== undefined) lines.push(element('rights', { type: 'text' }, article.copyright));
  for (const tag of article.tags) lines.push(element('category', { term: tag }));
  lines.push(element('summary', { type: 'text' }, article.summary));
  lines.push(element('content', { type: 'html' }, contentHtml(site, article)));
  lines.push(...atomMediaElements(site, article.image));
  const lang = article.language === site.language ? '' : ` xml:lang="${escapeXml(article.language)}"`;
  return [`  <entry${lang}>`, ...lines.map((line) => `    ${line}`), '  </entry>'].join('\n');
}

/**
 * The document around entries that were rendered once, at build time, by renderAtomEntry;
 * `tombstones` (RFC 6721 `at:deleted-entry` lines, page 1 only) go before the entries.
 */
export function renderAtomDocument(
  site: Site,
  page: PageInfo,
  entries: readonly string[],
  tombstones: readonly string[] = [],
): string {
  return atomDocumentParts(site, page, entries, tombstones).join('');
}

/** renderAtomDocument's text as parts (markup, tombstones, the entries themselves as text or stored bytes), for a route to encode without joining. */
export function atomDocumentParts<F extends Part = string>(
  site: Site,
  page: PageInfo,
  entries: readonly F[],
  tombstones: readonly string[] = [],
): (string | F)[] {
  const list = listIdentity(site, page.section);
  const head = [
    // One feed, many documents (RFC 5005 §3): every page carries the subscription URL as its stable id.
    element('id', {}, absoluteUrl(site, list.feedPath('atom'))),
    element('title', { type: 'text' }, list.title),
    element('subtitle', { type: 'text' }, list.description),
    element('updated', {}, rfc3339Date(archiveUpdated(page))),
    // RFC 4287 §4.1.1: a feed needs an author when its entries have none; the publisher is it.
    `<author>${person(site.publisher.name, site.publisher.url)}</author>`,
    element('rights', { type: 'text' }, site.copyright),
    element('generator', {}, 'wirefeed'),
    element('link', { rel: 'alternate', type: 'text/html', href: absoluteUrl(site, list.htmlPath()) }),
  ].map((line) => `  ${line}`);
  const lines = [
    XML_DECLARATION,
    `<feed xmlns="http://www.w3.org/2005/Atom"${tombstones.length > 0 ? ` xmlns:at="${TOMBSTONES_NAMESPACE}"` : ''} ${MEDIA_RSS_NAMESPACE} xml:lang="${escapeXml(site.language)}">`,
    ...head,
    ...linkElements(site, pagingLinks(site, 'atom', page), 'link', responseKinds.atom.mediaType, '  '),
    ...tombstones,
    ...entries,
    '</feed>',
    '',
  ];
  return joinedParts(lines, '\n');
}
