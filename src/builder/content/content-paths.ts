/** Build time: paths below the content folder: whether one stays inside a folder, and how a path is shown to the publisher. */
import { isAbsolute, relative, sep } from 'node:path';

/** Whether `path` is strictly below `folder` (both resolved by the caller: a symbolic link is not followed here). */
export function isInside(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/** A path as the publisher would type it: relative to the working directory when below it, with `/`. */
export function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return (fromCwd.startsWith('..') || fromCwd === '' ? path : fromCwd).split(sep).join('/');
}
