/** Build time: checks every picture the articles refer to, publishes it (cached renditions) and gives each article its ArticleImage. */
import { createHash } from 'node:crypto';
import { access, copyFile, link, mkdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Article } from '../../article.ts';
import { type PublishedBodyImage, rewriteBodyImages } from '../../content/body-images.ts';
import type { ContentProblem } from '../../content/content-error.ts';
import type { ImageSpec } from '../../content/image-field.ts';
import type { MediaRefs } from '../../content/parse-result.ts';
import { type ArticleImage, type CropRatio, type ImageRendition, mediaTypes } from '../../media.ts';
import type { Site } from '../../site.ts';
import { checkFormat, formatExtension } from './image-format.ts';
import {
  defaultRenditionSettings,
  type EncodedFile,
  encoderVersion,
  type RenditionSettings,
  renderImage,
} from './render-image.ts';

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

/** What the cache keeps for one picture: its real size and its renditions (bytes in `files/<name>`). */
interface CachedImage {
  readonly width: number;
  readonly height: number;
  readonly type: string;
  readonly files: readonly Omit<EncodedFile, 'bytes'>[];
}

/** The largest picture file read at all: a bigger one is refused before it is loaded. */
const maxFileBytes = 64 * 1024 * 1024;

/**
 * Each article's `media` refs (from parsing) are resolved against the article's folder and must stay
 * inside `contentDir` (symbolic links included). A file is read once however many articles use it,
 * checked (format against name, real size, pixel bound, decodable) and encoded only when the cache
 * (key: SHA-256 of the bytes + settings + sharp/libvips version) has no entry for it.
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
  const cacheDir = resolve(options.cacheDir ?? 'build/.cache/media');
  const problems: ContentProblem[] = [];
  const files = new Map<string, PublishedFile>();
  const pictures = new Map<string, Promise<{ ok: true; image: CachedImage } | { ok: false; reason: string }>>();
  let encoded = 0;
  const root = await realpath(contentDir).catch(() => resolve(contentDir));

  const picture = (path: string) => {
    let pending = pictures.get(path);
    if (!pending) {
      pending = load(path);
      pictures.set(path, pending);
    }
    return pending;
  };
  const load = async (path: string): Promise<{ ok: true; image: CachedImage } | { ok: false; reason: string }> => {
    const bytes = await readPicture(resolve(contentDir), root, path);
    if (!bytes.ok) return bytes;
    const format = checkFormat(path, bytes.bytes);
    if (!format.ok) return format;
    const key = createHash('sha256')
      .update(bytes.bytes)
      .update(JSON.stringify({ settings, encoderVersion, format: format.format }))
      .digest('hex');
    const cached = await readCache(cacheDir, key);
    if (cached) return { ok: true, image: cached };
    encoded++;
    const rendered = await renderImage(bytes.bytes, format.format, settings);
    if (!rendered.ok) return rendered;
    const image: CachedImage = {
      width: rendered.width,
      height: rendered.height,
      type: mediaTypes[formatExtension[format.format]] ?? 'application/octet-stream',
      files: rendered.files.map(({ bytes: _, ...file }) => file),
    };
    await writeCache(cacheDir, key, image, rendered.files);
    return { ok: true, image };
  };

  const articles: Article[] = [];
  // Pictures are decoded two at a time (libvips uses threads of its own); articles keep their order.
  const results = await mapLimit(items, 2, async ({ file: articleFile, article, media }) => {
    if (!media) return article;
    const folder = dirname(join(contentDir, articleFile));
    const local = async (src: string, line: number) => {
      const result = await picture(resolve(folder, src));
      if (!result.ok) {
        problems.push({ file: shown(articleFile), line, message: `image "${src}" ${result.reason}` });
        return undefined;
      }
      for (const file of result.image.files) {
        files.set(file.name, { path: `media/${file.name}`, source: join(cacheDir, 'files', file.name) });
      }
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
  for (const article of results) if (article) articles.push(article);
  return {
    articles,
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    encoded,
    problems,
  };
}

function remoteImage(spec: ImageSpec): ArticleImage {
  return { url: spec.src, ...size(spec), ...credits(spec), srcset: [], crops: [] };
}

function articleImage(spec: ImageSpec, image: CachedImage): ArticleImage {
  const rendition = (file: Omit<EncodedFile, 'bytes'>): ImageRendition => ({
    path: `/media/${file.name}`,
    width: file.width,
    height: file.height,
    type: image.type,
    length: file.length,
  });
  const full = image.files.find((file) => file.role === 'full');
  if (!full) throw new Error('a rendered picture always has its full-size file');
  return {
    url: `/media/${full.name}`,
    width: full.width,
    height: full.height,
    type: image.type,
    length: full.length,
    ...credits(spec),
    srcset: image.files
      .filter((file) => file.role === 'full' || file.role.startsWith('w'))
      .map(rendition)
      .sort((a, b) => a.width - b.width),
    crops: image.files
      .filter((file) => file.role.includes(':'))
      .map((file) => ({ ...rendition(file), ratio: file.role as CropRatio })),
  };
}

function size(spec: ImageSpec) {
  return spec.width !== undefined && spec.height !== undefined ? { width: spec.width, height: spec.height } : {};
}

function credits(spec: ImageSpec) {
  return {
    alt: spec.alt,
    ...(spec.caption ? { caption: spec.caption } : {}),
    ...(spec.credit ? { credit: spec.credit } : {}),
    ...(spec.copyright ? { copyright: spec.copyright } : {}),
  };
}

/** The bytes of a picture inside `root`, or why not (missing, outside content/, too large). */
async function readPicture(
  folder: string,
  root: string,
  path: string,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  const outside = {
    ok: false,
    reason: 'is outside the content folder: pictures must be files under content/',
  } as const;
  if (!isInside(folder, path)) return outside;
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { ok: false, reason: `is missing: there is no file ${displayFrom(folder, path)}` };
    return { ok: false, reason: `cannot be read: ${(error as Error).message}` };
  }
  // A symbolic link may lead out of content/: the real path must stay inside too.
  if (!isInside(root, real)) return outside;
  try {
    const bytes = await readFile(real);
    if (bytes.byteLength > maxFileBytes)
      return { ok: false, reason: `is larger than ${maxFileBytes / 1024 / 1024} MiB` };
    return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { ok: false, reason: 'is a folder, not a picture file' };
    return { ok: false, reason: `cannot be read: ${(error as Error).message}` };
  }
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

function displayFrom(root: string, path: string): string {
  const inside = relative(root, path);
  return inside.startsWith('..') ? path : `content/${inside.split(sep).join('/')}`;
}

async function readCache(cacheDir: string, key: string): Promise<CachedImage | undefined> {
  try {
    const image = JSON.parse(await readFile(join(cacheDir, `${key}.json`), 'utf8')) as CachedImage;
    await Promise.all(image.files.map((file) => access(join(cacheDir, 'files', file.name))));
    return image;
  } catch {
    return undefined;
  }
}

/** Files first, the index last, each through a temporary name: an interrupted build leaves no entry half-written. */
async function writeCache(
  cacheDir: string,
  key: string,
  image: CachedImage,
  encodedFiles: readonly EncodedFile[],
): Promise<void> {
  await mkdir(join(cacheDir, 'files'), { recursive: true });
  for (const file of encodedFiles) await atomicWrite(join(cacheDir, 'files', file.name), file.bytes);
  await atomicWrite(join(cacheDir, `${key}.json`), JSON.stringify(image));
}

async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}

async function mapLimit<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Puts the published pictures into the assets folder: a hard link to the cached file where the disk allows, else a copy. */
export async function placeMediaFiles(files: readonly PublishedFile[], assetsDir: string): Promise<void> {
  if (files.length === 0) return;
  await mkdir(join(assetsDir, 'media'), { recursive: true });
  await mapLimit(files, 16, async (file) => {
    const target = join(assetsDir, file.path);
    await link(file.source, target).catch(() => copyFile(file.source, target));
  });
}
