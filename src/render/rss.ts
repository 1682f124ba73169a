/** RSS 2.0 rendering (RSS Best Practices Profile), with Atom paging links, content:encoded and Dublin Core attribution. */
import type { Article } from '../model/article.ts';
import { responseKinds } from '../model/response-kinds.ts';
import type { Site } from '../model/site.ts';
import { joinedParts, type Part } from '../shared/encode-parts.ts';
import { contentHtml } from './credit-line.ts';
import { archiveUpdated, rfc822Date, rfc3339Date } from './feed-dates.ts';
import type { PageInfo } from './feed-page.ts';
import { listIdentity } from './list-identity.ts';
import { MEDIA_RSS_NAMESPACE, rssMediaElements } from './media-elements.ts';
import { linkElements, pagingLinks } from './paging-links.ts';
import { absoluteUrl, articleUrl } from './urls.ts';
import { element, escapeXml, XML_DECLARATION } from './xml.ts';

const namespaces = [
  'version="2.0"',
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  MEDIA_RSS_NAMESPACE,
].join(' ');

/** One `<item>`, indented for its place in the channel. */
export function renderRssItem(site: Site, article: Article): string {
  const url = articleUrl(site, article);
  const lines = [
    element('title', {}, article.title),
    element('link', {}, url),
    // The permalink is the id: the slug is the article's identity, so edits never change it.
    element('guid', { isPermaLink: 'true' }, url),
    element('pubDate', {}, rfc822Date(article.published)),
    // RSS has no "updated"; atom:updated is what the W3C validator accepts in an item.
    element('atom:updated', {}, rfc3339Date(article.updated)),
    // RSS 2.0: description is entity-encoded HTML; the summary is plain text, so it is escaped as HTML first.
    element('description', {}, escapeXml(article.summary)),
    element('content:encoded', {}, contentHtml(site, article)),
  ];
  // RSS 2.0 <source> requires a url; a source known only by name goes to Dublin Core's dc:source.
  if (article.source?.url !== undefined)
    lines.push(element('source', { url: article.source.url }, article.source.name));
  else if (article.source !== undefined) lines.push(element('dc:source', {}, article.source.name));
  // <author> must be an email address and the editors did not write the piece: Dublin Core contributor.
  if (article.editor !== undefined) lines.push(element('dc:contributor', {}, article.editor));
  if (article.responsibleEditor !== undefined) lines.push(element('dc:contributor', {}, article.responsibleEditor));
  // Without its own notice the item falls under the channel's <copyright>.
  if (article.copyright !== undefined) lines.push(element('dc:rights', {}, article.copyright));
  if (article.language !== site.language) lines.push(element('dc:language', {}, article.language));
  for (const tag of article.tags) lines.push(element('category', {}, tag));
  lines.push(...rssMediaElements(site, article.image));
  return ['    <item>', ...lines.map((line) => `      ${line}`), '    </item>'].join('\n');
}

/** The document around items that were rendered once, at build time, by renderRssItem. */
export function renderRssDocument(site: Site, page: PageInfo, items: readonly string[]): string {
  return rssDocumentParts(site, page, items).join('');
}

/** renderRssDocument's text as parts (markup and the items themselves, as text or stored bytes), for a route to encode without joining. */
export function rssDocumentParts<F extends Part = string>(
  site: Site,
  page: PageInfo,
  items: readonly F[],
): (string | F)[] {
  const list = listIdentity(site, page.section);
  const channel = [
    element('title', {}, list.title),
    element('link', {}, absoluteUrl(site, list.htmlPath())),
    element('description', {}, list.description),
    element('language', {}, site.language),
    element('copyright', {}, site.copyright),
    element('lastBuildDate', {}, rfc822Date(archiveUpdated(page))),
    element('docs', {}, 'https://www.rssboard.org/rss-specification'),
    element('generator', {}, 'wirefeed'),
  ].map((line) => `    ${line}`);
  const lines = [
    XML_DECLARATION,
    `<rss ${namespaces}>`,
    '  <channel>',
    ...channel,
    ...linkElements(site, pagingLinks(site, 'rss', page), 'atom:link', responseKinds.rss.mediaType, '    '),
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ];
  return joinedParts(lines, '\n');
}
