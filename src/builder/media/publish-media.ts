/** Build time: publishes every picture the articles refer to (located, checked, encoded or taken from the cache) and gives each article its ArticleImage. */
import { dirname, join, resolve } from 'node:path';
import { type PublishedBodyImage, rewriteBodyImages } from '../../content/body-images.ts';
import type { ContentProblem } from '../../content/content-error.ts';
import type { MediaRefs } from '../../content/parse-result.ts';
import type { Article } from '../../model/article.ts';
import { type ArticleImage, mediaTypes } from '../../model/media.ts';
import type { Site } from '../../model/site.ts';
import { mapLimit, semaphore } from '../concurrency.ts';
import { articleImage, remoteImage } from './article-image.ts';
import { checkFormat, formatExtension } from './image-format.ts';
import { type PictureRefusal, pictureLocator, readPicture } from './locate-picture.ts';
import { type CachedImage, openMediaCache } from './media-cache.ts';
import { defaultRenditionSettings, type RenditionSettings, renderImage } from './render-image.ts';

export interface MediaOptions {
  /** Where encoded renditions are kept between builds. @default build/.cache/media */
  readonly cacheDir?: string;
  /** @default defaultRenditionSettings */
  readonly settings?: RenditionSettings;
}

/** A published file: its path in the assets folder (`media/<hash>.<ext>`) and the cached file holding its bytes. */
export interface PublishedFile {
  readonly path: string;
  readonly source: string;
}

export interface PublishedMedia {
  readonly articles: Article[];
  /** Every published file, once each, sorted by path. */
  readonly files: readonly PublishedFile[];
  /** Pictures decoded and encoded in this build (0 when every picture came from the cache). */
  readonly encoded: number;
  readonly problems: readonly ContentProblem[];
}

/**
 * Each article's `media` refs (from parsing) are resolved against the article's folder and must stay
 * inside `contentDir` (symbolic links included, locate-picture.ts). A file is read once however many articles
 * use it, checked (format against name, real size, pixel bound, decodable) and encoded only when the cache
 * (media-cache.ts) has no entry for it.
 */
export async function publishMedia(
  site: Site,
  contentDir: string,
  /** Parsed files in order; a file that did not parse has no article, and its pictures are only checked. */
  items: readonly { readonly file: string; readonly article?: Article; readonly media?: MediaRefs }[],
  shown: (path: string) => string,
  options: MediaOptions = {},
): Promise<PublishedMedia> {
  const settings = options.settings ?? defaultRenditionSettings;
  const cache = await openMediaCache(resolve(options.cacheDir ?? 'build/.cache/media'), settings);
  const locate = await pictureLocator(contentDir);
  const problems: ContentProblem[] = [];
  const files = new Map<string, PublishedFile>();
  const pictures = new Map<string, Promise<{ ok: true; image: CachedImage } | PictureRefusal>>();
  let encoded = 0;
  // Decoding and encoding two pictures at a time (libvips runs threads of its own); reads and cache hits run wide.
  const encoding = semaphore(2);

  const load = async (path: string): Promise<{ ok: true; image: CachedImage } | PictureRefusal> => {
    const located = await locate(path);
    if (!located.ok) return located;
    const known = cache.seen(located);
    if (known) return { ok: true, image: known };
    const bytes = await readPicture(located);
    if (!bytes.ok) return bytes;
    const format = checkFormat(path, bytes.bytes);
    if (!format.ok) return format;
    const key = cache.keyOf(bytes.bytes, format.format);
    const cached = await cache.find(located, key);
    if (cached) return { ok: true, image: cached };
    encoded++;
    const rendered = await encoding(() => renderImage(bytes.bytes, format.format, settings));
    if (!rendered.ok) return rendered;
    const image: CachedImage = {
      width: rendered.width,
      height: rendered.height,
      type: mediaTypes[formatExtension[format.format]] ?? 'application/octet-stream',
      files: rendered.files.map(({ bytes: _, ...file }) => file),
    };
    await cache.keep(located, key, image, rendered.files);
    return { ok: true, image };
  };
  const picture = (path: string) => {
    let pending = pictures.get(path);
    if (!pending) {
      pending = load(path);
      pictures.set(path, pending);
    }
    return pending;
  };

  // Articles keep their order whatever order their pictures finish in.
  const results = await mapLimit(items, 32, async ({ file: articleFile, article, media }) => {
    if (!media) return article;
    const folder = dirname(join(contentDir, articleFile));
    const local = async (src: string, line: number) => {
      const result = await picture(resolve(folder, src));
      if (!result.ok) {
        problems.push({ file: shown(articleFile), line, message: `image "${src}" ${result.reason}` });
        return undefined;
      }
      for (const file of result.image.files)
        files.set(file.name, { path: `media/${file.name}`, source: cache.filePath(file.name) });
      return result.image;
    };
    let image: ArticleImage | undefined;
    if (media.lead?.remote) image = remoteImage(media.lead);
    else if (media.lead) {
      const cached = await local(media.lead.src, media.lead.line);
      if (cached) image = articleImage(media.lead, cached);
    }
    const body = new Map<string, PublishedBodyImage>();
    for (const ref of media.body) {
      const cached = await local(ref.src, ref.line);
      const full = cached?.files.find((file) => file.role === 'full');
      if (full)
        body.set(ref.src, { url: `${site.baseUrl}/media/${full.name}`, width: full.width, height: full.height });
    }
    if (!article) return undefined;
    return {
      ...article,
      ...(body.size > 0 ? { bodyHtml: rewriteBodyImages(article.bodyHtml, body) } : {}),
      ...(image ? { image } : {}),
    };
  });
  const articles: Article[] = [];
  for (const article of results) if (article) articles.push(article);
  await cache.saveIndex();
  return {
    articles,
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    encoded,
    problems,
  };
}
