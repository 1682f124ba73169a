/** The W3C feed validator's main RSS 2.0 and Atom 1.0 rules, checked by path with fast-xml-parser; each broken rule is one problem line. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isRfc3339 } from './json-feed-spec.ts';

/** A parsed element: child elements as arrays, attributes as `@_name`, text as `#text`. */
interface XmlNode {
  readonly [key: string]: XmlNode[] | string | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  alwaysCreateTextNode: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export const namespaces = {
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  // RFC 6721 Atom tombstones (at:deleted-entry for retracted articles).
  at: 'http://purl.org/atompub/tombstones/1.0',
} as const;

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// RFC 822 §5 with the 4-digit year of RFC 1123 §5.2.14 (the W3C validator warns on 2-digit years).
const rfc822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT|UT)$/;
// RFC 3339 §5.6 date-time, as RFC 4287 §3.3 requires (upper-case T and Z).

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  return Array.isArray(value) ? value : [];
}

function attribute(node: XmlNode | undefined, name: string): string | undefined {
  const value = node?.[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

function text(node: XmlNode | undefined): string {
  const value = node?.['#text'];
  return typeof value === 'string' ? value : '';
}

/** An absolute URL that the WHATWG parser accepts (a scheme, then a parseable rest). */
export function isAbsoluteUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) && URL.canParse(value);
}

/**
 * The relative `href`, `src` and `srcset` URLs of escaped HTML content: the W3C validator warns
 * "content:encoded should not contain relative URL references", and many readers ignore xml:base.
 */
export function relativeUrlReferences(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.match(/<[a-zA-Z][^>]*>/g) ?? []) {
    for (const match of tag.matchAll(/\s(href|src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
      const value = match[2] ?? match[3] ?? '';
      const urls =
        match[1]?.toLowerCase() === 'srcset'
          ? value.split(/,(?=\s|$)/).map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
          : [value.trim()];
      for (const url of urls) if (url !== '' && !isAbsoluteUrl(url)) found.push(url);
    }
  }
  return found;
}

/** RFC 822 date with a 4-digit year, a real date and the right day of the week for that date. */
export function isRfc822(value: string): boolean {
  const match = rfc822.exec(value);
  if (!match) return false;
  const [, day, date, month, year, hour, minute, second, zone] = match;
  const monthIndex = months.indexOf(month ?? '');
  const utc = Date.UTC(Number(year), monthIndex, Number(date), Number(hour), Number(minute), Number(second));
  const local = new Date(utc);
  if (local.getUTCDate() !== Number(date) || local.getUTCMonth() !== monthIndex) return false;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) return false;
  if (zone !== undefined && /^[+-]/.test(zone) && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(3)) > 59))
    return false;
  return days[local.getUTCDay()] === day;
}

/** Parses a feed, or the well-formedness error as the only problem. */
function parse(xml: string): { root?: XmlNode; problems: string[] } {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    return { problems: [`not well-formed XML: ${valid.err.msg} (${valid.err.line}:${valid.err.col})`] };
  return { root: parser.parse(xml) as XmlNode, problems: [] };
}

/**
 * Namespaces (Namespaces in XML 1.0 §5): every prefixed element and attribute name has its prefix
 * declared on it or an ancestor; `expected` prefixes, when used, must be bound to their URI.
 */
function namespaceProblems(node: XmlNode, scope: ReadonlyMap<string, string>, path: string, out: string[]): void {
  const inScope = new Map(scope);
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_xmlns:') && typeof value === 'string') inScope.set(key.slice('@_xmlns:'.length), value);
  }
  for (const [key, value] of Object.entries(node)) {
    const name = key.startsWith('@_') ? key.slice(2) : key;
    if (name === '#text' || name.startsWith('xmlns') || name.startsWith('xml:')) continue;
    const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : undefined;
    if (prefix !== undefined) {
      const uri = inScope.get(prefix);
      if (uri === undefined) out.push(`${path}/${name}: the prefix "${prefix}" is not declared`);
      else if (prefix in namespaces && uri !== namespaces[prefix as keyof typeof namespaces])
        out.push(
          `${path}/${name}: "${prefix}" must be bound to ${namespaces[prefix as keyof typeof namespaces]}, found ${uri}`,
        );
    }
    if (Array.isArray(value)) for (const child of value) namespaceProblems(child, inScope, `${path}/${name}`, out);
  }
}

/** Every attribute named href, url or src, and the text of the given elements, anywhere in the tree. */
function urlValues(node: XmlNode, textElements: ReadonlySet<string>, path: string, out: [string, string][]): void {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && ['@_href', '@_url', '@_src'].includes(key))
      out.push([`${path}/${key.slice(1)}`, value]);
    if (!Array.isArray(value)) continue;
    for (const child of value) {
      if (textElements.has(key)) out.push([`${path}/${key}`, text(child)]);
      urlValues(child, textElements, `${path}/${key}`, out);
    }
  }
}

function urlProblems(root: XmlNode, textElements: ReadonlySet<string>): string[] {
  const urls: [string, string][] = [];
  urlValues(root, textElements, '', urls);
  return urls.filter(([, url]) => !isAbsoluteUrl(url)).map(([path, url]) => `${path}: "${url}" is not an absolute URL`);
}

function exactlyOne(node: XmlNode, name: string, path: string, out: string[]): void {
  const count = children(node, name).length;
  if (count !== 1) out.push(`${path}: must have exactly one ${name}, found ${count}`);
}

/** The W3C validator's main RSS 2.0 rules (RSS 2.0 spec, RSS Best Practices Profile) for a feed served at `selfUrl`. */
export function rssProblems(xml: string, selfUrl: string): string[] {
  const { root, problems } = parse(xml);
  if (!root) return problems;
  const [rss] = children(root, 'rss');
  if (!rss) return ['the root element must be rss'];
  if (attribute(rss, 'version') !== '2.0')
    problems.push(`rss: version must be "2.0", found ${attribute(rss, 'version')}`);
  namespaceProblems(root, new Map(), '', problems);
  const channels = children(rss, 'channel');
  if (channels.length !== 1) return [...problems, `rss: must have exactly one channel, found ${channels.length}`];
  const channel = channels[0] as XmlNode;
  for (const name of ['title', 'link', 'description']) exactlyOne(channel, name, 'channel', problems);
  for (const name of ['lastBuildDate', 'pubDate']) {
    for (const date of children(channel, name))
      if (!isRfc822(text(date)))
        problems.push(`channel/${name}: "${text(date)}" is not an RFC 822 date with a 4-digit year`);
  }
  const selfLinks = children(channel, 'atom:link').filter((link) => attribute(link, 'rel') === 'self');
  if (selfLinks.length !== 1) problems.push(`channel: must have one atom:link rel="self", found ${selfLinks.length}`);
  for (const link of selfLinks) {
    if (attribute(link, 'href') !== selfUrl)
      problems.push(`channel/atom:link[@rel=self]: href must be ${selfUrl}, found ${attribute(link, 'href')}`);
    if (!attribute(link, 'type')) problems.push('channel/atom:link[@rel=self]: needs a type');
  }
  const guids = new Set<string>();
  children(channel, 'item').forEach((item, index) => {
    const at = `item[${index + 1}]`;
    if (children(item, 'title').length === 0 && children(item, 'description').length === 0)
      problems.push(`${at}: must have a title or a description`);
    for (const name of ['title', 'link', 'description', 'guid', 'pubDate', 'source', 'comments', 'author'])
      if (children(item, name).length > 1) problems.push(`${at}: more than one ${name}`);
    for (const guid of children(item, 'guid')) {
      const value = text(guid);
      const permaLink = attribute(guid, 'isPermaLink') ?? 'true';
      if (!['true', 'false'].includes(permaLink)) problems.push(`${at}/guid: isPermaLink must be true or false`);
      if (permaLink === 'true' && !isAbsoluteUrl(value))
        problems.push(`${at}/guid: "${value}" is a permalink but not an absolute URL`);
      if (guids.has(value)) problems.push(`${at}/guid: "${value}" is used by another item`);
      guids.add(value);
    }
    for (const date of children(item, 'pubDate'))
      if (!isRfc822(text(date)))
        problems.push(`${at}/pubDate: "${text(date)}" is not an RFC 822 date with a 4-digit year`);
    for (const updated of children(item, 'atom:updated'))
      if (!isRfc3339(text(updated))) problems.push(`${at}/atom:updated: "${text(updated)}" is not an RFC 3339 date`);
    for (const source of children(item, 'source'))
      if (attribute(source, 'url') === undefined) problems.push(`${at}/source: needs a url attribute`);
    for (const category of children(item, 'category'))
      if (text(category).trim() === '') problems.push(`${at}/category: must not be empty`);
    for (const content of children(item, 'content:encoded'))
      for (const url of relativeUrlReferences(text(content)))
        problems.push(`${at}/content:encoded: should not contain relative URL references ("${url}")`);
  });
  problems.push(...urlProblems(root, new Set(['link', 'docs', 'comments'])));
  return problems;
}

/** The W3C validator's main Atom 1.0 rules (RFC 4287) for a feed served at `selfUrl`. */
export function atomProblems(xml: string, selfUrl: string): string[] {
  const { root, problems } = parse(xml);
  if (!root) return problems;
  const [feed] = children(root, 'feed');
  if (!feed) return ['the root element must be feed'];
  if (attribute(feed, 'xmlns') !== namespaces.atom) problems.push(`feed: xmlns must be ${namespaces.atom}`);
  namespaceProblems(root, new Map(), '', problems);
  for (const name of ['id', 'title', 'updated']) exactlyOne(feed, name, 'feed', problems);
  for (const name of ['subtitle', 'rights', 'generator', 'icon', 'logo'])
    if (children(feed, name).length > 1) problems.push(`feed: more than one ${name}`);
  const entries = children(feed, 'entry');
  const hasAuthor = (node: XmlNode) => children(node, 'author').some((author) => children(author, 'name').length === 1);
  if (!hasAuthor(feed) && !entries.every(hasAuthor))
    problems.push('feed: needs an author, or every entry needs one (RFC 4287 §4.1.1)');
  checkCommon(feed, 'feed', problems);
  const self = children(feed, 'link').filter((link) => attribute(link, 'rel') === 'self');
  if (self.length !== 1) problems.push(`feed: must have one link rel="self", found ${self.length}`);
  else if (attribute(self[0], 'href') !== selfUrl)
    problems.push(`feed/link[@rel=self]: href must be ${selfUrl}, found ${attribute(self[0], 'href')}`);
  const ids = new Set<string>();
  entries.forEach((entry, index) => {
    const at = `entry[${index + 1}]`;
    for (const name of ['id', 'title', 'updated']) exactlyOne(entry, name, at, problems);
    for (const name of ['published', 'summary', 'content', 'rights', 'source'])
      if (children(entry, name).length > 1) problems.push(`${at}: more than one ${name}`);
    const id = text(children(entry, 'id')[0]);
    if (ids.has(id)) problems.push(`${at}/id: "${id}" is used by another entry`);
    ids.add(id);
    const alternates = children(entry, 'link').filter(
      (link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate',
    );
    if (children(entry, 'content').length === 0 && alternates.length === 0)
      problems.push(`${at}: needs content or a link rel="alternate" (RFC 4287 §4.1.2)`);
    for (const content of children(entry, 'content')) {
      const type = attribute(content, 'type') ?? 'text';
      const elements = Object.keys(content).filter((key) => !key.startsWith('@_') && key !== '#text');
      if ((type === 'html' || type === 'text') && elements.length > 0)
        problems.push(`${at}/content: type="${type}" must be escaped text, found elements ${elements.join(', ')}`);
      if (type === 'html')
        for (const url of relativeUrlReferences(text(content)))
          problems.push(`${at}/content: should not contain relative URL references ("${url}")`);
    }
    checkCommon(entry, at, problems);
  });
  // RFC 6721 §3: a deleted-entry needs ref (an IRI, never an id still in the feed) and when (a date-time).
  children(feed, 'at:deleted-entry').forEach((tombstone, index) => {
    const at = `at:deleted-entry[${index + 1}]`;
    const ref = attribute(tombstone, 'ref') ?? '';
    if (!isAbsoluteUrl(ref)) problems.push(`${at}: ref "${ref}" is not an absolute IRI`);
    if (ids.has(ref)) problems.push(`${at}: ref "${ref}" is still an entry of this feed`);
    if (!isRfc3339(attribute(tombstone, 'when') ?? ''))
      problems.push(`${at}: when "${attribute(tombstone, 'when') ?? ''}" is not an RFC 3339 date`);
  });
  problems.push(...urlProblems(root, new Set(['id', 'icon', 'logo', 'uri'])));
  return problems;
}

/** Rules shared by feed and entry: dates, ids, text constructs, at most one alternate link per type and hreflang. */
function checkCommon(node: XmlNode, at: string, problems: string[]): void {
  for (const name of ['updated', 'published'])
    for (const date of children(node, name))
      if (!isRfc3339(text(date))) problems.push(`${at}/${name}: "${text(date)}" is not an RFC 3339 date`);
  for (const id of children(node, 'id'))
    if (!isAbsoluteUrl(text(id))) problems.push(`${at}/id: "${text(id)}" is not an absolute IRI`);
  for (const name of ['title', 'subtitle', 'summary', 'rights']) {
    for (const construct of children(node, name)) {
      const type = attribute(construct, 'type') ?? 'text';
      if (!['text', 'html', 'xhtml'].includes(type))
        problems.push(`${at}/${name}: type "${type}" is not text, html or xhtml`);
      const elements = Object.keys(construct).filter((key) => !key.startsWith('@_') && key !== '#text');
      if (type !== 'xhtml' && elements.length > 0)
        problems.push(`${at}/${name}: type="${type}" must not hold elements`);
    }
  }
  const alternates = new Set<string>();
  for (const link of children(node, 'link')) {
    if (attribute(link, 'href') === undefined) problems.push(`${at}/link: needs an href`);
    if ((attribute(link, 'rel') ?? 'alternate') !== 'alternate') continue;
    const key = `${attribute(link, 'type') ?? ''} ${attribute(link, 'hreflang') ?? ''}`;
    if (alternates.has(key))
      problems.push(`${at}: more than one link rel="alternate" with type and hreflang "${key.trim()}"`);
    alternates.add(key);
  }
  for (const person of [...children(node, 'author'), ...children(node, 'contributor')])
    if (children(person, 'name').length !== 1)
      problems.push(`${at}: every author and contributor needs exactly one name`);
}
