/** Build time: finds the picture file an article names (inside content/, symbolic links followed) and reads its bytes. */
import type { Stats } from 'node:fs';
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isInside } from '../content/content-paths.ts';

/** A picture file inside content/: its real path, and what tells an unchanged file from a changed one. */
export interface LocatedPicture {
  readonly ok: true;
  readonly real: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/** Why a picture cannot be used: the end of a sentence that starts with the picture's name. */
export interface PictureRefusal {
  readonly ok: false;
  readonly reason: string;
}

/** The largest picture file read at all: a bigger one is refused before it is loaded. */
const maxFileBytes = 64 * 1024 * 1024;

/**
 * Locates pictures (absolute paths) for the articles of `contentDir`: each refers to a file that must stay inside
 * the content folder, symbolic links included. Each folder's real path is looked up once, then one lstat a picture.
 */
export async function pictureLocator(
  contentDir: string,
): Promise<(path: string) => Promise<LocatedPicture | PictureRefusal>> {
  const folder = resolve(contentDir);
  const root = await realpath(contentDir).catch(() => folder);
  const folders = new Map<string, Promise<string>>();
  const realFolder = (dir: string): Promise<string> => {
    let real = folders.get(dir);
    if (!real) {
      real = realpath(dir);
      folders.set(dir, real);
    }
    return real;
  };
  return (path) => locatePicture(folder, root, path, realFolder);
}

/** The bytes of a located picture, refused when the file changed size since it was located. */
export async function readPicture({
  real,
  size,
}: LocatedPicture): Promise<{ ok: true; bytes: Uint8Array } | PictureRefusal> {
  try {
    const bytes = await readFile(real);
    if (bytes.byteLength !== size) return { ok: false, reason: 'changed while the build read it: build again' };
    return { ok: true, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  } catch (error) {
    return { ok: false, reason: `cannot be read: ${(error as Error).message}` };
  }
}

/** Where a picture really is (inside `root`) and its size, mtime and inode; or why it cannot be used (missing, outside content/, a folder). */
async function locatePicture(
  folder: string,
  root: string,
  path: string,
  realFolder: (dir: string) => Promise<string>,
): Promise<LocatedPicture | PictureRefusal> {
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

/** A path below the content folder as `content/…`, as the publisher knows it; any other path as it is. */
function displayFrom(root: string, path: string): string {
  const inside = relative(root, path);
  return inside.startsWith('..') ? path : `content/${inside.split(sep).join('/')}`;
}
