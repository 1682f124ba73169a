/** Build time: the picture cache (build/.cache/media): renditions kept by the hash of a picture's bytes, and an index of the picture files earlier builds saw. */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageFormat } from './image-format.ts';
import type { LocatedPicture } from './locate-picture.ts';
import { type EncodedFile, encoderVersion, type RenditionSettings } from './render-image.ts';

/** What the cache keeps for one picture: its real size and its renditions (bytes in `files/<name>`). */
export interface CachedImage {
  readonly width: number;
  readonly height: number;
  readonly type: string;
  readonly files: readonly Omit<EncodedFile, 'bytes'>[];
}

/**
 * One build's view of the cache. An entry is keyed by SHA-256 of the bytes + settings + sharp/libvips version; the
 * index maps a picture file (real path, size, mtime, inode, settings) to its entry, so an unchanged file is not
 * even read. Every lookup that finds an entry, and every entry kept, counts as used: `saveIndex` keeps those only.
 */
export interface MediaCache {
  /** The entry of a picture file an earlier build saw, unchanged since. */
  seen(picture: LocatedPicture): CachedImage | undefined;
  /** The key of a picture's bytes in its format, under this build's settings. */
  keyOf(bytes: Uint8Array, format: ImageFormat): string;
  /** The entry under `key` whose every file is present, or undefined (missing, unreadable or incomplete: encode again). */
  find(picture: LocatedPicture, key: string): Promise<CachedImage | undefined>;
  /** Stores a picture's renditions and its entry: files first, the entry last, each through a temporary name. */
  keep(picture: LocatedPicture, key: string, image: CachedImage, files: readonly EncodedFile[]): Promise<void>;
  /** Where the bytes of the rendition `name` are kept. */
  filePath(name: string): string;
  /** Writes the index of the pictures this build used, when it differs from the one read: it never outgrows the content. */
  saveIndex(): Promise<void>;
}

/** Opens the cache in `cacheDir` (made when first written) for renditions made with `settings`. */
export async function openMediaCache(cacheDir: string, settings: RenditionSettings): Promise<MediaCache> {
  const settingsKey = createHash('sha256')
    .update(JSON.stringify({ settings, encoderVersion }))
    .digest('hex')
    .slice(0, 16);
  const earlier = await readIndex(cacheDir);
  const used = new Map<string, CachedImage>();
  const fileKey = ({ real, size, mtimeMs, ino }: LocatedPicture) =>
    `${real}\0${size}\0${mtimeMs}\0${ino}\0${settingsKey}`;
  // One listing of the cache's files instead of a stat per rendition, made only when a picture is not in the index.
  let listed: Set<string> | undefined;
  const present = () => {
    listed ??= new Set(listFiles(join(cacheDir, 'files')));
    return listed;
  };
  return {
    seen(picture) {
      const key = fileKey(picture);
      // The index was written after its files: they are there (the upload names any that is not).
      const known = earlier.get(key);
      if (known) used.set(key, known);
      return known;
    },
    keyOf(bytes, format) {
      return createHash('sha256')
        .update(bytes)
        .update(JSON.stringify({ settings, encoderVersion, format }))
        .digest('hex');
    },
    async find(picture, key) {
      const image = await readEntry(cacheDir, key, present());
      if (image) used.set(fileKey(picture), image);
      return image;
    },
    async keep(picture, key, image, files) {
      await mkdir(join(cacheDir, 'files'), { recursive: true });
      for (const file of files) await atomicWrite(join(cacheDir, 'files', file.name), file.bytes);
      await atomicWrite(join(cacheDir, `${key}.json`), JSON.stringify(image));
      used.set(fileKey(picture), image);
    },
    filePath: (name) => join(cacheDir, 'files', name),
    async saveIndex() {
      if (used.size === earlier.size && [...used.keys()].every((key) => earlier.has(key))) return;
      await mkdir(cacheDir, { recursive: true });
      await atomicWrite(join(cacheDir, 'index.json'), JSON.stringify(Object.fromEntries(used)));
    },
  };
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

async function readEntry(
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

/** Writes through a temporary name: an interrupted build leaves no file half-written. */
async function atomicWrite(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
