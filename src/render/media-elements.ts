/** The lead picture in every channel: HTML figure and thumbnail, OpenGraph, JSON-LD, RSS/Atom enclosure + Media RSS, JSON Feed. */
import type { ArticleImage, ImageRendition } from '../model/media.ts';
import type { Site } from '../model/site.ts';
import { attribute, escapeHtml, metaProperty } from './html.ts';
import { sitePath } from './layout.ts';
import { element } from './xml.ts';

/** Media RSS 1.5.1 (https://www.rssboard.org/media-rss), declared on the RSS and Atom roots. */
export const MEDIA_RSS_NAMESPACE = 'xmlns:media="http://search.yahoo.com/mrss/"';

/** The column the picture fills: `.wrap` is at most 60ch (about 42rem) with 1.25rem margins each side. */
const figureSizes = '(min-width: 45rem) 42rem, calc(100vw - 2.5rem)';

/** A published path as an absolute URL (feeds, OpenGraph, JSON-LD); a remote https URL as it is. */
export function mediaUrl(site: Site, url: string): string {
  return url.startsWith('/') ? `${site.baseUrl}${url}` : url;
}

/** A published path under the site's base path (pages), a remote URL as it is. */
function pageUrl(site: Site, url: string): string {
  return url.startsWith('/') ? sitePath(site, url) : url;
}

function srcsetOf(site: Site, renditions: readonly ImageRendition[]): string {
  return renditions.map((rendition) => `${pageUrl(site, rendition.path)} ${rendition.width}w`).join(', ');
}

function sizeAttributes(image: { readonly width?: number; readonly height?: number }): string {
  return image.width !== undefined && image.height !== undefined
    ? ` width="${image.width}" height="${image.height}"`
    : '';
}

/** Caption · credit · copyright, each escaped; '' when the picture has none. */
function captionText(image: ArticleImage): string {
  return [
    image.caption === undefined ? '' : `<span class="caption">${escapeHtml(image.caption)}</span>`,
    image.credit === undefined ? '' : `<span class="credit">${escapeHtml(image.credit)}</span>`,
    image.copyright === undefined ? '' : `<small class="image-rights">${escapeHtml(image.copyright)}</small>`,
  ]
    .filter((part) => part !== '')
    .join(' <span class="separator" aria-hidden="true">·</span> ');
}

/** `<figure>` with `<img width height srcset sizes alt>` (no layout shift) and `<figcaption>`. */
export function leadFigureHtml(site: Site, image: ArticleImage | undefined): string {
  if (image === undefined) return '';
  const srcset =
    image.srcset.length > 1
      ? ` ${attribute('srcset', srcsetOf(site, image.srcset))} ${attribute('sizes', figureSizes)}`
      : '';
  const caption = captionText(image);
  return `<figure class="lead-image">
<img ${attribute('src', pageUrl(site, image.url))}${sizeAttributes(image)}${srcset} ${attribute('alt', image.alt)}>
${caption === '' ? '' : `<figcaption>${caption}</figcaption>\n`}</figure>
`;
}

/** A small picture beside an index entry: the narrowest rendition, lazy, sized. */
export function thumbnailHtml(site: Site, image: ArticleImage | undefined): string {
  if (image === undefined) return '';
  const thumb = thumbnailOf(image);
  const srcset = image.srcset.length > 1 ? ` ${attribute('srcset', srcsetOf(site, image.srcset))} sizes="8rem"` : '';
  return `<img class="thumbnail" ${attribute('src', pageUrl(site, thumb.url))}${sizeAttributes(thumb)}${srcset} ${attribute('alt', image.alt)} loading="lazy">\n`;
}

/** The rendition feed readers show small: the first at least 320 px wide, else the picture itself. */
function thumbnailOf(image: ArticleImage): { url: string; width?: number; height?: number } {
  const small = image.srcset.find((rendition) => rendition.width >= 320);
  return small ? { url: small.path, width: small.width, height: small.height } : image;
}

/** What OpenGraph and JSON Feed's banner show: the 16:9 crop when there is one, else the picture. */
function wideOf(image: ArticleImage): { url: string; width?: number; height?: number; type?: string } {
  const wide = image.crops.find((crop) => crop.ratio === '16:9');
  return wide ? { url: wide.path, width: wide.width, height: wide.height, type: wide.type } : image;
}

/** og:image (+ type, width, height, alt; https://ogp.me/#structured) and twitter:card=summary_large_image. */
export function imageMetaTags(site: Site, image: ArticleImage | undefined): string {
  if (image === undefined) return '';
  const meta = (property: string, content: string | number | undefined): string =>
    content === undefined ? '' : metaProperty(property, String(content));
  const wide = wideOf(image);
  return (
    meta('og:image', mediaUrl(site, wide.url)) +
    meta('og:image:type', wide.type) +
    meta('og:image:width', wide.width) +
    meta('og:image:height', wide.height) +
    meta('og:image:alt', image.alt) +
    '<meta name="twitter:card" content="summary_large_image">\n' +
    `<meta name="twitter:image:alt" ${attribute('content', image.alt)}>\n`
  );
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** schema.org ImageObjects: the crops Google asks for (16:9, 4:3, 1:1), then the picture itself, each with its credit. */
export function jsonLdImages(site: Site, image: ArticleImage): JsonValue[] {
  const object = (url: string, width?: number, height?: number): JsonValue => ({
    '@type': 'ImageObject',
    url: mediaUrl(site, url),
    ...(width !== undefined && height !== undefined ? { width, height } : {}),
    ...(image.caption !== undefined ? { caption: image.caption } : {}),
    ...(image.credit !== undefined ? { creditText: image.credit } : {}),
    ...(image.copyright !== undefined ? { copyrightNotice: image.copyright } : {}),
  });
  return [
    ...image.crops.map((crop) => object(crop.path, crop.width, crop.height)),
    object(image.url, image.width, image.height),
  ];
}

/** Media RSS `media:content` with description (caption, else alt), credit, copyright and thumbnail. */
function mediaContent(site: Site, image: ArticleImage): string {
  const thumb = thumbnailOf(image);
  const children = [
    element('media:description', { type: 'plain' }, image.caption ?? image.alt),
    image.credit === undefined ? '' : element('media:credit', {}, image.credit),
    image.copyright === undefined ? '' : element('media:copyright', {}, image.copyright),
    element('media:thumbnail', {
      url: mediaUrl(site, thumb.url),
      width: thumb.width?.toString(),
      height: thumb.height?.toString(),
    }),
  ].join('');
  const open = element('media:content', {
    url: mediaUrl(site, image.url),
    type: image.type,
    medium: 'image',
    isDefault: 'true',
    width: image.width?.toString(),
    height: image.height?.toString(),
    fileSize: image.length?.toString(),
  });
  return `${open.slice(0, -2)}>${children}</media:content>`;
}

/** RSS 2.0 `<enclosure url length type>` (all three required, so local pictures only) and Media RSS. */
export function rssMediaElements(site: Site, image: ArticleImage | undefined): string[] {
  if (image === undefined) return [];
  const enclosure =
    image.type !== undefined && image.length !== undefined
      ? [element('enclosure', { url: mediaUrl(site, image.url), length: String(image.length), type: image.type })]
      : [];
  return [...enclosure, mediaContent(site, image)];
}

/** RFC 4287 §4.2.7.2 `link rel="enclosure"` (type, length) and the same Media RSS. */
export function atomMediaElements(site: Site, image: ArticleImage | undefined): string[] {
  if (image === undefined) return [];
  const enclosure = element('link', {
    rel: 'enclosure',
    href: mediaUrl(site, image.url),
    type: image.type,
    length: image.length?.toString(),
    title: image.alt,
  });
  return [enclosure, mediaContent(site, image)];
}

/** JSON Feed 1.1 `image`, `banner_image` (the 16:9 crop) and `attachments` (local pictures, which have a type). */
export function jsonFeedImageFields(site: Site, image: ArticleImage | undefined): Record<string, unknown> {
  if (image === undefined) return {};
  const wide = image.crops.find((crop) => crop.ratio === '16:9');
  return {
    image: mediaUrl(site, image.url),
    ...(wide ? { banner_image: mediaUrl(site, wide.path) } : {}),
    ...(image.type !== undefined
      ? {
          attachments: [
            {
              url: mediaUrl(site, image.url),
              mime_type: image.type,
              title: image.caption ?? image.alt,
              ...(image.length !== undefined ? { size_in_bytes: image.length } : {}),
            },
          ],
        }
      : {}),
  };
}

/** The picture's words for JSON Feed's `_wirefeed.image`: JSON Feed itself has no place for alt or credit. */
export function jsonFeedImageCredit(image: ArticleImage | undefined): Record<string, unknown> {
  if (image === undefined) return {};
  const { alt, caption, credit, copyright } = image;
  return {
    image: { alt, ...(caption ? { caption } : {}), ...(credit ? { credit } : {}), ...(copyright ? { copyright } : {}) },
  };
}
