/** Build time: lists the files below content/articles/ (walked, or updated from a change list), leaving out what is never an article and refusing links that lead nowhere useful. */
import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ContentProblem } from '../../content/content-error.ts';
import { isPictureFile } from '../media/image-format.ts';
import { isInside } from './content-paths.ts';

/** Files editors and operating systems leave behind: never articles, never worth stopping a build for. */
const leftovers = /^(?:.*~|#.*#|thumbs\.db|desktop\.ini)$/i;

/** The article files of content/ (relative to it, `articles/…` with `/`, sorted by code unit), and which are links. */
export interface ArticleFiles {
  readonly files: readonly string[];
  /** The symbolic links among them: what they lead to may change with no change to them, so each build looks again. */
  readonly links: readonly string[];
}

/**
 * Article files relative to contentDir (`articles/…`, with `/`), sorted by code unit; none when there is no
 * articles/ folder. Read recursively; dotfiles, dot-folders, README.md files, editor backups (`name~`, `#name#`)
 * and Thumbs.db/desktop.ini are left out; a symbolic link to a file is listed, a link to a folder or to
 * nothing is a problem (never silently skipped).
 */
export async function listArticleFiles(
  contentDir: string,
  shown: (path: string) => string,
  problems: ContentProblem[],
): Promise<ArticleFiles> {
  const links: string[] = [];
  return { files: sorted(await listBelow(contentDir, 'articles', shown, problems, links)), links: sorted(links) };
}

/**
 * The same list from the last build's (`previous`, sorted) and the paths that may have changed since (`changed`,
 * relative to contentDir: files or folders, added, edited or gone; the links among `previous` too, change-list.ts
 * adds them), looking only at those: what a change list (a watcher's, git's) spares is the walk of every folder.
 */
export async function updateArticleFiles(
  contentDir: string,
  previous: ArticleFiles,
  changed: ReadonlySet<string>,
  shown: (path: string) => string,
  problems: ContentProblem[],
): Promise<ArticleFiles> {
  // Sets of what changed only: the 200,000 paths of the last build are searched (sorted), never copied into a set.
  const known = (path: string) => previous.files[lowerBound(previous.files, path)] === path;
  const gone = new Set<string>();
  const wereLinks = new Set(previous.links);
  const links = new Set(wereLinks);
  const seen: string[] = [];
  const seenLinks: string[] = [];
  for (const path of changed) {
    if (path !== 'articles' && !path.startsWith('articles/')) continue;
    // A folder moved or removed takes its files with it.
    if (known(path)) gone.add(path);
    links.delete(path);
    for (let at = lowerBound(previous.files, `${path}/`); previous.files[at]?.startsWith(`${path}/`); at++) {
      gone.add(previous.files[at] as string);
      links.delete(previous.files[at] as string);
    }
    const info = await lstat(join(contentDir, path)).catch(() => undefined);
    if (info?.isDirectory())
      for (const file of await listBelow(contentDir, path, shown, problems, seenLinks)) seen.push(file);
    else if (info && (info.isFile() || info.isSymbolicLink()) && !leftOut(path)) {
      if (await accepted(contentDir, path, info.isSymbolicLink(), shown, problems)) seen.push(path);
      if (info.isSymbolicLink()) seenLinks.push(path);
    }
  }
  // The new list is the old one less what went, with what was seen.
  const seenSet = new Set(seen);
  const listed = (path: string) => seenSet.has(path) || (known(path) && !gone.has(path));
  for (const path of seenLinks) if (listed(path)) links.add(path);
  const sameLinks = links.size === previous.links.length && seenLinks.every((path) => wereLinks.has(path));
  // Edits only (each file that went was seen again, and each seen was there): the sorted list as it was.
  const added = sorted([...seenSet].filter((path) => !known(path)));
  const sameFiles = added.length === 0 && [...gone].every((path) => seenSet.has(path));
  if (sameFiles && sameLinks) return previous;
  const kept = gone.size === 0 ? previous.files : previous.files.filter((path) => !gone.has(path) || seenSet.has(path));
  return { files: sameFiles ? previous.files : mergeSorted(kept, added), links: sorted([...links]) };
}

/** Two lists sorted by code unit, with no path in both, as one. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return [...a];
  const merged: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length)
    if (j >= b.length || (i < a.length && (a[i] as string) < (b[j] as string))) merged.push(a[i++] as string);
    else merged.push(b[j++] as string);
  return merged;
}

/** The files below `folder` (relative to contentDir), as listArticleFiles lists them, the links also pushed to `links`. */
async function listBelow(
  contentDir: string,
  folder: string,
  shown: (path: string) => string,
  problems: ContentProblem[],
  links: string[],
): Promise<string[]> {
  let entries: Dirent[];
  const root = join(contentDir, folder);
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
      return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    // By slicing, not path.relative: at 100,000 files that costs half a second of a one-article publish.
    const below =
      entry.parentPath === root
        ? ''
        : `${entry.parentPath
            .slice(root.length + 1)
            .split(sep)
            .join('/')}/`;
    const path = `${folder}/${below}${entry.name}`;
    if (leftOut(path)) continue;
    if (!(await accepted(contentDir, path, entry.isSymbolicLink(), shown, problems))) continue;
    files.push(path);
    if (entry.isSymbolicLink()) links.push(path);
  }
  return files;
}

/** Never an article: below a dot-folder, a dotfile, a README.md, an editor's or an operating system's leftover. */
function leftOut(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1] ?? '';
  return parts.some((part) => part.startsWith('.')) || name.toLowerCase() === 'readme.md' || leftovers.test(name);
}

/** A file is listed; a symbolic link only when it leads to a file inside content/ (else its problem is pushed). */
async function accepted(
  contentDir: string,
  path: string,
  link: boolean,
  shown: (path: string) => string,
  problems: ContentProblem[],
): Promise<boolean> {
  // A picture is checked where an article names it (media/locate-picture.ts), links included.
  if (!link || isPictureFile(path)) return true;
  const problem = await symbolicLinkProblem(join(contentDir, path), contentDir);
  if (problem) problems.push({ file: shown(path), message: problem });
  return problem === undefined;
}

function sorted(files: string[]): string[] {
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The first index of `sortedFiles` not below `key` (code-unit order). */
export function lowerBound(sortedFiles: readonly string[], key: string): number {
  let low = 0;
  let high = sortedFiles.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sortedFiles[middle] as string) < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Why a symbolic link cannot be an article, or undefined when it leads to a file inside content/. */
async function symbolicLinkProblem(path: string, contentDir: string): Promise<string | undefined> {
  try {
    const target = await stat(path);
    // Never followed out of content/, and the target is not named: its path is nobody's business here.
    const real = await realpath(path);
    if (!isInside(await realpath(contentDir), real))
      return 'is a symbolic link that leads outside content/, which is not followed: copy the file into articles/';
    if (target.isFile()) return undefined;
    if (target.isDirectory())
      return 'is a symbolic link to a folder, which is not followed: move the folder into articles/';
    return 'is a symbolic link to something that is not a file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'is a symbolic link to a file that does not exist';
    if (code === 'ELOOP') return 'is a symbolic link that loops back on itself';
    return `is a symbolic link that cannot be followed: ${(error as Error).message}`;
  }
}
