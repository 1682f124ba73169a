/** IPTC NewsML-G2 2.35 `newsItem` for one article: the XML agencies exchange, mapped from the fields ninjs uses. */
import type { Article } from '../model/article.ts';
import type { ArticleImage } from '../model/media.ts';
import type { Site } from '../model/site.ts';
import { tagKey } from '../model/tag-key.ts';
import { absoluteContentUrls } from './absolute-urls.ts';
import { rfc3339Date } from './feed-dates.ts';
import { mediaUrl } from './media-elements.ts';
import { rfc3986Uri } from './ninjs.ts';
import { sectionPagePath } from './section-urls.ts';
import { absoluteUrl, articleUrl } from './urls.ts';
import { htmlToXhtml, XHTML_NAMESPACE } from './xhtml.ts';
import { element, startTag, XML_DECLARATION, type XmlAttributes } from './xml.ts';

/** The NewsML-G2 (NAR) namespace every element of the item is in. */
export const NEWSML_NAMESPACE = 'http://iptc.org/std/nar/2006-10-01/';

/** The version of the standard (and of IPTC's XML Schema) the items conform to. */
export const newsmlVersion = '2.35';

/**
 * IPTC's catalog of NewsCodes schemes, the one the schema's example items reference: it defines the aliases
 * used here (`ninat:`, `stat:`, `sig:`, `cpprole:`, `drol:`, `irel:`).
 */
export const iptcCatalogUrl = 'http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_32.xml';

/** The alias of the site's own role scheme: IPTC's content production party roles have no "responsible editor". */
const siteRoles = 'wfrole';

export interface NewsmlOptions {
  /** An entitled partner's view of copy not yet released: its release instant (RFC 3339), as `embargoed`. @default undefined */
  readonly embargoedUntil?: string;
}

/** One or more lines of the document; a nested element's lines are indented by two spaces. */
type Lines = string[];

const wrap = (name: string, attributes: XmlAttributes, children: Lines): Lines => [
  startTag(name, attributes),
  ...children.map((line) => `  ${line}`),
  `</${name}>`,
];

/**
 * The whole NewsML-G2 document of an article (public copy; with `embargoedUntil`, the partners' embargoed copy).
 * Pure: the same article and options always give the same bytes. The element order is the schema's.
 */
export function renderNewsmlItem(site: Site, article: Article, options: NewsmlOptions = {}): string {
  const root = {
    xmlns: NEWSML_NAMESPACE,
    // Like the feeds' ids and ninjs `uri`: the permalink, from the slug, so edits never change it.
    guid: articleUrl(site, article),
    // Like ninjs `version`: the update instant in seconds, so an update or a correction gives a larger number.
    version: String(Math.floor(article.updated.epochMs / 1000)),
    standard: 'NewsML-G2',
    standardversion: newsmlVersion,
    conformance: 'power',
    'xml:lang': article.language,
  };
  const children = [
    element('catalogRef', { href: iptcCatalogUrl }),
    ...roleCatalog(site, article),
    ...rightsInfo(site, article),
    ...itemMeta(site, article, options),
    ...contentMeta(site, article),
    ...contentSet(site, article),
  ];
  return [XML_DECLARATION, ...wrap('newsItem', root, children), ''].join('\n');
}

/** The site's role scheme (`wfrole:responsibleEditor`), declared only when an article names a responsible editor. */
function roleCatalog(site: Site, article: Article): Lines {
  if (article.responsibleEditor === undefined) return [];
  return wrap('catalog', {}, [element('scheme', { alias: siteRoles, uri: `${site.baseUrl}/newscodes/role/` })]);
}

/**
 * The copyright holder is the source (its text is someone else's: we attribute it), else the publisher.
 * `copyrightNotice` and `usageTerms` as in ninjs: the article's notice (else the site's rights), then the site's terms.
 */
function rightsInfo(site: Site, article: Article): Lines {
  const notice = article.copyright ?? site.copyright;
  return wrap('rightsInfo', {}, [
    ...party('copyrightHolder', {}, article.source ?? site.publisher),
    ...(notice !== '' ? [element('copyrightNotice', {}, notice)] : []),
    ...(site.copyright !== '' ? [element('usageTerms', {}, site.copyright)] : []),
  ]);
}

/**
 * What the item is and where it stands: a retracted article stays available as the notice of its withdrawal
 * (`stat:canceled`, as ninjs says `canceled`); a corrected one signals `sig:correction`; partners' copy is `embargoed`.
 */
function itemMeta(site: Site, article: Article, { embargoedUntil }: NewsmlOptions): Lines {
  return wrap('itemMeta', {}, [
    element('itemClass', { qcode: 'ninat:text' }),
    ...party('provider', {}, site.publisher),
    element('versionCreated', {}, rfc3339Date(article.updated)),
    element('firstCreated', {}, rfc3339Date(article.published)),
    ...(embargoedUntil !== undefined ? [element('embargoed', {}, embargoDate(embargoedUntil))] : []),
    element('pubStatus', { qcode: article.retracted ? 'stat:canceled' : 'stat:usable' }),
    ...(article.corrections?.length ? [element('signal', { qcode: 'sig:correction' })] : []),
    ...pictureLink(site, article.image),
  ]);
}

/** The source as `infoSource` (the party that originated the content), the editors as `contributor`s, tags as `subject`s. */
function contentMeta(site: Site, article: Article): Lines {
  const editor = article.editor;
  const responsible = article.responsibleEditor;
  return wrap('contentMeta', {}, [
    ...(article.source ? party('infoSource', { role: 'cpprole:origcont' }, article.source) : []),
    ...(editor !== undefined ? party('contributor', { role: 'cpprole:editor' }, { name: editor }) : []),
    ...(responsible !== undefined
      ? party('contributor', { role: `cpprole:editor ${siteRoles}:responsibleEditor` }, { name: responsible })
      : []),
    element('language', { tag: article.language }),
    // A tag is identified by its section's URL, so two spellings that are one tag are one subject.
    ...article.tags.flatMap((tag) =>
      wrap('subject', { uri: absoluteUrl(site, sectionPagePath('tag', tagKey(tag))) }, [element('name', {}, tag)]),
    ),
    element('slugline', {}, article.slug),
    element('headline', {}, article.title),
    element('description', { role: 'drol:summary' }, article.summary),
  ]);
}

/**
 * Two renditions of the body, as ninjs has two: XHTML from the sanitized HTML, and the text exactly as written.
 * Each rendition is one entry of `Lines` (wrap indents its first line only), so the body's own line breaks
 * (in `<pre>`, say) stay as they are.
 */
function contentSet(site: Site, article: Article): Lines {
  // As in the feeds: a partner shows the body away from the page, so relative links and pictures are resolved.
  const urls = { pageUrl: articleUrl(site, article), baseUrl: site.baseUrl };
  const xhtml = [
    startTag('html', { xmlns: XHTML_NAMESPACE }),
    `<head>${element('title', {}, article.title)}</head>`,
    `<body>\n${htmlToXhtml(absoluteContentUrls(article.bodyHtml, urls))}\n</body>`,
    '</html>',
  ].join('\n');
  const charcount = String([...article.bodyText].length);
  return wrap('contentSet', {}, [
    `${startTag('inlineXML', { contenttype: 'application/xhtml+xml' })}\n${xhtml}\n</inlineXML>`,
    element('inlineData', { contenttype: 'text/plain', charcount }, article.bodyText),
  ]);
}

/**
 * The lead picture as a link to the published picture (`irel:associatedWith`), with hints the schema lets a link
 * carry: it is a picture, its alt text as title, caption, credit line and copyright notice. Not `remoteContent`:
 * that element is a rendition of this item's own content (the text), never of another piece of media.
 */
function pictureLink(site: Site, image: ArticleImage | undefined): Lines {
  const href = image && rfc3986Uri(mediaUrl(site, image.url));
  if (!image || href === undefined) return [];
  const size = image.length === undefined ? undefined : String(image.length);
  return wrap('link', { rel: 'irel:associatedWith', href, contenttype: image.type, size, title: image.alt }, [
    element('itemClass', { qcode: 'ninat:picture' }),
    ...(image.caption !== undefined ? [element('description', { role: 'drol:caption' }, image.caption)] : []),
    ...(image.credit !== undefined ? [element('creditline', {}, image.credit)] : []),
    ...(image.copyright !== undefined ? wrap('rightsInfo', {}, [element('copyrightNotice', {}, image.copyright)]) : []),
  ]);
}

/** A party (`provider`, `infoSource`, …) by name, with its URL as `uri` when it has one. */
function party(name: string, attributes: XmlAttributes, who: { readonly name: string; readonly url?: string }): Lines {
  const uri = who.url === undefined ? undefined : rfc3986Uri(who.url);
  return wrap(name, { ...attributes, uri }, [element('name', {}, who.name)]);
}

/** RFC 3339 §5.6 `date-time`: the offset is required, so no value is read in the machine's time zone. */
const rfc3339DateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** The release instant as an XML Schema dateTime at its own offset; a value that is no instant is a caller's bug. */
function embargoDate(value: string): string {
  const epochMs = rfc3339DateTime.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(epochMs))
    throw new RangeError(`embargoedUntil is not an RFC 3339 date-time: ${JSON.stringify(value)}`);
  return rfc3339Date({ iso: value, epochMs });
}

/**
 * A stored public document as the partners' embargoed copy: `embargoed` (the release instant, RFC 3339) where
 * renderNewsmlItem puts it, after `firstCreated`, at its indentation. The same bytes as rendering it with the option.
 */
export function withEmbargoed(document: string, embargoedUntil: string): string {
  const at = document.indexOf('</firstCreated>\n');
  if (at === -1) throw new Error('the document has no firstCreated');
  const lineStart = document.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(document.slice(lineStart))?.[0] ?? '';
  const end = at + '</firstCreated>\n'.length;
  return `${document.slice(0, end)}${indent}${element('embargoed', {}, embargoDate(embargoedUntil))}\n${document.slice(end)}`;
}
