/** Build time: checks every picture the articles refer to, publishes it (cached renditions) and gives each article its ArticleImage. */
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, type Stats } from 'node:fs';
import { lstat, mkdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type PublishedBodyImage, rewriteBodyImages } from '../../content/body-images.ts';
import type { ContentProblem } from '../../content/content-error.ts';
import type { ImageSpec } from '../../content/image-field.ts';
import type { MediaRefs } from '../../content/parse-result.ts';
import type { Article } from '../../model/article.ts';
import { type ArticleImage, type CropRatio, type ImageRendition, mediaTypes } from '../../model/media.ts';
import type { Site } from '../../model/site.ts';
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
  // One listing of the cache's files instead of a stat per rendition, made only when a picture is not in the index.
  let listed: Set<string> | undefined;
  const cachedFiles = () => {
    listed ??= new Set(listFiles(join(cacheDir, 'files')));
    return listed;
  };
  // The picture files seen by earlier builds, by path, size, mtime and inode: an unchanged file is not even read.
  const settingsKey = createHash('sha256')
    .update(JSON.stringify({ settings, encoderVersion }))
    .digest('hex')
    .slice(0, 16);
  const seen = await readIndex(cacheDir);
  const used = new Map<string, CachedImage>();
  // Decoding and encoding two pictures at a time (libvips runs threads of its own); reads and cache hits run wide.
  const encoding = semaphore(2);
  const root = await realpath(contentDir).catch(() => resolve(contentDir));
  const folders = new Map<string, Promise<string>>();
  const realFolder = (dir: string): Promise<string> => {
    let real = folders.get(dir);
    if (!real) {
      real = realpath(dir);
      folders.set(dir, real);
    }
    return real;
  };

  const picture = (path: string) => {
    let pending = pictures.get(path);
    if (!pending) {
      pending = load(path);
      pictures.set(path, pending);
    }
    return pending;
  };
  const load = async (path: string): Promise<{ ok: true; image: CachedImage } | { ok: false; reason: string }> => {
    const located = await locatePicture(resolve(contentDir), root, path, realFolder);
    if (!located.ok) return located;
    const { real, size } = located;
    const fileKey = `${real}\0${size}\0${located.mtimeMs}\0${located.ino}\0${settingsKey}`;
    const known = seen.get(fileKey);
    // The index was written after its files: they are there (placeMediaFiles names any that is not).
    if (known) {
      used.set(fileKey, known);
      return { ok: true, image: known };
    }
    const bytes = await readPicture(real, size);
    if (!bytes.ok) return bytes;
    const format = checkFormat(path, bytes.bytes);
    if (!format.ok) return format;
    const key = createHash('sha256')
      .update(bytes.bytes)
      .update(JSON.stringify({ settings, encoderVersion, format: format.format }))
      .digest('hex');
    const cached = await readCache(cacheDir, key, cachedFiles());
    if (cached) {
      used.set(fileKey, cached);
      return { ok: true, image: cached };
    }
    encoded++;
    const rendered = await encoding(() => renderImage(bytes.bytes, format.format, settings));
    if (!rendered.ok) return rendered;
    const image: CachedImage = {
      width: rendered.width,
      height: rendered.height,
      type: mediaTypes[formatExtension[format.format]] ?? 'application/octet-stream',
      files: rendered.files.map(({ bytes: _, ...file }) => file),
    };
    await writeCache(cacheDir, key, image, rendered.files);
    used.set(fileKey, image);
    return { ok: true, image };
  };

  const articles: Article[] = [];
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
  // The index keeps what this build used: it never grows past the pictures the content holds.
  if (used.size !== seen.size || [...used.keys()].some((key) => !seen.has(key))) await writeIndex(cacheDir, used);
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

/** Where a picture really is (inside `root`) and its size, mtime and inode; or why it cannot be used (missing, outside content/, a folder). */
async function locatePicture(
  folder: string,
  root: string,
  path: string,
  realFolder: (dir: string) => Promise<string>,
): Promise<{ ok: true; real: string; size: number; mtimeMs: number; ino: number } | { ok: false; reason: string }> {
  const outside = {
    ok: false,
    reason: 'is outside the content folder: pictures must be files under content/',
  } as const;
  if (!isInside(folder, path)) return outside;
  let real: string;
  let info: Stats;
  try {
    // The folder's real path once per folder, then one lstat per picture; only a symbolic link is followed further.
    const candidate = join(await realFolder(dirname(path)), basename(path));
    info = await lstat(candidate);
    real = candidate;
    if (info.isSymbolicLink()) {
      real = await realpath(candidate);
      info = await stat(real);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { ok: false, reason: `is missing: there is no file ${displayFrom(folder, path)}` };
    return { ok: false, reason: `cannot be read: ${(error as Error).message}` };
  }
  // A symbolic link may lead out of content/: the real path must stay inside too.
  if (!isInside(root, real)) return outside;
  if (info.isDirectory()) return { ok: false, reason: 'is a folder, not a picture file' };
  if (info.size > maxFileBytes) return { ok: false, reason: `is larger than ${maxFileBytes / 1024 / 1024} MiB` };
  return { ok: true, real, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
}

/** The bytes of a located picture. */
async function readPicture(
  real: string,
  size: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  try {
    const bytes = await readFile(real);
    if (bytes.byteLength !== size) return { ok: false, reason: 'changed while the build read it: build again' };
    return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch (error) {
    return { ok: false, reason: `cannot be read: ${(error as Error).message}` };
  }
}

async function readIndex(cacheDir: string): Promise<Map<string, CachedImage>> {
  try {
    return new Map(
      Object.entries(JSON.parse(await readFile(join(cacheDir, 'index.json'), 'utf8')) as Record<string, CachedImage>),
    );
  } catch {
    return new Map();
  }
}

async function writeIndex(cacheDir: string, used: ReadonlyMap<string, CachedImage>): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await atomicWrite(join(cacheDir, 'index.json'), JSON.stringify(Object.fromEntries(used)));
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

function displayFrom(root: string, path: string): string {
  const inside = relative(root, path);
  return inside.startsWith('..') ? path : `content/${inside.split(sep).join('/')}`;
}

/** A cache entry whose every file is present, or undefined (missing, unreadable or incomplete: encode again). */
async function readCache(
  cacheDir: string,
  key: string,
  present: ReadonlySet<string>,
): Promise<CachedImage | undefined> {
  try {
    const image = JSON.parse(await readFile(join(cacheDir, `${key}.json`), 'utf8')) as CachedImage;
    return image.files.every((file) => present.has(file.name)) ? image : undefined;
  } catch {
    return undefined;
  }
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Runs at most `limit` of the given tasks at once. */
function semaphore(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
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

/**
 * Puts the published pictures into the assets folder. The previous build's `media/` folder is taken over
 * (one rename) and only the difference is linked or removed, so a rebuild costs per changed picture, not per
 * picture; a new file is a hard link to the cached file where the disk allows, else a copy. Synchronous on
 * purpose: thousands of link(2) calls cost less in a loop than as promises.
 */
export function placeMediaFiles(files: readonly PublishedFile[], assetsDir: string, previousAssetsDir?: string): void {
  const dir = join(assetsDir, 'media');
  let present = new Set<string>();
  if (previousAssetsDir !== undefined) {
    try {
      mkdirSync(assetsDir, { recursive: true });
      renameSync(join(previousAssetsDir, 'media'), dir);
      present = new Set(readdirSync(dir));
    } catch {
      present = new Set();
    }
  }
  if (files.length === 0 && present.size === 0) return;
  mkdirSync(dir, { recursive: true });
  const wanted = new Set(files.map((file) => file.path.slice('media/'.length)));
  for (const name of present) if (!wanted.has(name)) rmSync(join(dir, name), { recursive: true, force: true });
  for (const file of files) {
    if (present.has(file.path.slice('media/'.length))) continue;
    const target = join(assetsDir, file.path);
    try {
      linkSync(file.source, target);
    } catch {
      try {
        copyFileSync(file.source, target);
      } catch (error) {
        throw new Error(
          `the picture cache has lost ${file.source} (${(error as Error).message}): delete ${dirname(dirname(file.source))} and build again`,
        );
      }
    }
  }
}
