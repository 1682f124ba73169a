/** IPTC ninjs 3.1 (News in JSON) for one article: what syndication partners ingest without a custom mapping. */
import type { Article } from '../model/article.ts';
import type { ArticleImage, ImageRendition } from '../model/media.ts';
import type { Site } from '../model/site.ts';
import { absoluteContentUrls } from './absolute-urls.ts';
import { rfc3339Date } from './feed-dates.ts';
import { mediaUrl } from './media-elements.ts';
import { articleUrl } from './urls.ts';

/** The ninjs version every document declares: the newest IPTC has approved (Spring Meeting 2025). */
export const ninjsVersion = '3.1';

/** The schema URI the 3.1 schema names itself by (its `$id`), declared in `standard.schema`. */
export const ninjsSchemaUri = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#';

/** A JSON value as the document holds it. */
type Json = string | number | boolean | Json[] | { [key: string]: Json };

/** One group of ninjs properties; parts are spread in order, so the keys (and bytes) are always the same. */
type NinjsPart = Record<string, Json>;

/**
 * A stored public document as the partners' embargoed copy: `embargoedUntil`, IPTC ninjs 3.x's property for the
 * instant before which the item may not be published, added to the stored JSON.
 */
export function withEmbargoedUntil(document: string, embargoedUntil: string): string {
  const parsed = JSON.parse(document) as Record<string, unknown>;
  return `${JSON.stringify({ ...parsed, embargoedUntil }, null, 2)}\n`;
}

/**
 * The ninjs 3.1 object for an article, in the property names 3.x uses (camelCase: `firstCreated`,
 * `pubStatus`, `infoSources`, …). A field the article lacks is left out. Each part is one small function,
 * so pictures (`associations` / `renditions`) or a retraction (`pubStatus: canceled`) are one more line.
 */
export function ninjsDocument(site: Site, article: Article): Record<string, Json> {
  return {
    ...identity(site, article),
    ...standard(),
    ...dates(article),
    ...publicationStatus(article),
    ...texts(site, article),
    ...rights(site, article),
    ...credits(site, article),
    ...subjects(article),
    ...pictures(site, article),
  };
}

/** The document as served: pretty-printed JSON (UTF-8, not ASCII-escaped) ending with a newline. */
export function renderNinjs(site: Site, article: Article): string {
  return `${JSON.stringify(ninjsDocument(site, article), null, 2)}\n`;
}

/**
 * `uri` is the article's permalink, the same stable id the feeds use (the slug is the identity; edits never
 * change it). `version` counts forward with every update: the `updated` instant in whole seconds since the
 * epoch, so a newer version is always a larger number and the same content always the same version.
 */
function identity(site: Site, article: Article): NinjsPart {
  return {
    uri: articleUrl(site, article),
    type: 'text',
    representationType: 'full',
    version: String(Math.floor(article.updated.epochMs / 1000)),
    slugline: article.slug,
  };
}

function standard(): NinjsPart {
  return { standard: { name: 'ninjs', version: ninjsVersion, schema: ninjsSchemaUri } };
}

/** RFC 3339 date-times in the article's own offset, as in the feeds. */
function dates(article: Article): NinjsPart {
  return { firstCreated: rfc3339Date(article.published), versionCreated: rfc3339Date(article.updated) };
}

/** A withdrawn story stays available as the notice of its withdrawal: ninjs `canceled`. */
function publicationStatus(article: Article): NinjsPart {
  return { pubStatus: article.retracted ? 'canceled' : 'usable' };
}

/** Headline, summary, and the body twice: exactly as written (text/plain) and sanitized (text/html). */
/** The HTML body with every link and picture absolute, as in the feeds and NewsML-G2: a partner's system has no base URL. */
function texts(site: Site, article: Article): NinjsPart {
  return {
    language: article.language,
    headlines: [{ role: 'main', contentType: 'text/plain', value: article.title }],
    descriptions: [{ role: 'summary', contentType: 'text/plain', value: article.summary }],
    bodies: [
      { role: 'main', contentType: 'text/plain', charCount: [...article.bodyText].length, value: article.bodyText },
      {
        role: 'main',
        contentType: 'text/html',
        value: absoluteContentUrls(article.bodyHtml, { pageUrl: articleUrl(site, article), baseUrl: site.baseUrl }),
      },
    ],
  };
}

/**
 * `copyrightNotice`: the article's own notice (the wire copy's "Special statement"), else the site's rights.
 * `usageTerms`: the site's rights statement, the terms under which this site passes the copy on.
 */
function rights(site: Site, article: Article): NinjsPart {
  const notice = article.copyright ?? site.copyright;
  return {
    ...(notice !== '' ? { copyrightNotice: notice } : {}),
    ...(site.copyright !== '' ? { usageTerms: site.copyright } : {}),
  };
}

/**
 * `by` (a natural-language credit), `people` with `rel` `editor` / `responsibleEditor`, and `infoSources`:
 * the source (role `source`, its URL as `uri` when it has one) and the publisher (role `publisher`).
 */
function credits(site: Site, article: Article): NinjsPart {
  const people: Json[] = [];
  const by: string[] = [];
  if (article.editor !== undefined) {
    people.push({ name: article.editor, rel: 'editor' });
    by.push(`Editor: ${article.editor}`);
  }
  if (article.responsibleEditor !== undefined) {
    people.push({ name: article.responsibleEditor, rel: 'responsibleEditor' });
    by.push(`Responsible editor: ${article.responsibleEditor}`);
  }
  const infoSources: Json[] = [];
  if (article.source !== undefined) infoSources.push(party(article.source.name, 'source', article.source.url));
  infoSources.push(party(site.publisher.name, 'publisher', site.publisher.url));
  return {
    ...(by.length > 0 ? { by: by.join(' · ') } : {}),
    ...(people.length > 0 ? { people } : {}),
    infoSources,
  };
}

/** Tags as `subjects`, by name. */
function subjects(article: Article): NinjsPart {
  return article.tags.length > 0 ? { subjects: article.tags.map((tag) => ({ name: tag })) } : {};
}

/**
 * The lead picture as an associated ninjs object (`rel: leadPicture`, `type: picture`) carrying its own credit:
 * the alt text and caption as `descriptions`, the credit as `by`, its `copyrightNotice`, and every published
 * rendition (the picture, its crops with `aspectRatio`, the srcset widths) with size, type and byte length.
 */
function pictures(site: Site, article: Article): NinjsPart {
  const image = article.image;
  const uri = image && rfc3986Uri(mediaUrl(site, image.url));
  if (!image || uri === undefined) return {};
  const descriptions: Json[] = [{ role: 'alt', contentType: 'text/plain', value: image.alt }];
  if (image.caption !== undefined)
    descriptions.push({ role: 'caption', contentType: 'text/plain', value: image.caption });
  const picture: Record<string, Json> = {
    name: image.alt,
    rel: 'leadPicture',
    uri,
    type: 'picture',
    representationType: 'full',
    descriptions,
    ...(image.credit !== undefined ? { by: image.credit } : {}),
    ...(image.copyright !== undefined ? { copyrightNotice: image.copyright } : {}),
    renditions: renditionsOf(site, image),
  };
  return { associations: [picture] };
}

function renditionsOf(site: Site, image: ArticleImage): Json[] {
  const rendition = (name: string, file: ImageRendition, aspectRatio?: string): Json => {
    const href = rfc3986Uri(mediaUrl(site, file.path)) ?? '';
    return {
      name,
      href,
      contentType: file.type,
      width: file.width,
      height: file.height,
      sizeInBytes: file.length,
      ...(aspectRatio ? { aspectRatio } : {}),
    };
  };
  const original: Json = {
    name: 'original',
    href: rfc3986Uri(mediaUrl(site, image.url)) ?? '',
    ...(image.type !== undefined ? { contentType: image.type } : {}),
    ...(image.width !== undefined ? { width: image.width } : {}),
    ...(image.height !== undefined ? { height: image.height } : {}),
    ...(image.length !== undefined ? { sizeInBytes: image.length } : {}),
  };
  return [
    original,
    ...image.crops.map((crop) => rendition(`crop-${crop.ratio.replace(':', 'x')}`, crop, crop.ratio)),
    ...image.srcset.map((file) => rendition(`w${file.width}`, file)),
  ];
}

function party(name: string, role: string, url: string | undefined): Json {
  const uri = url === undefined ? undefined : rfc3986Uri(url);
  return uri === undefined ? { name, role } : { name, role, uri };
}

/**
 * A URL as an RFC 3986 URI (what the schema's `format: uri` checks): the WHATWG serialization with every
 * character RFC 3986 §2 does not allow, and a `%` not starting a percent-encoding, percent-encoded as UTF-8.
 * Undefined when it is not an absolute URL at all.
 */
export function rfc3986Uri(url: string): string | undefined {
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return undefined;
  }
  return href.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (character) =>
    [...new TextEncoder().encode(character)]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
}
