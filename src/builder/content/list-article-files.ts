/** Build time: lists the files below content/articles/, leaving out what is never an article and refusing links that lead nowhere useful. */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ContentProblem } from '../../content/content-error.ts';
import { isPictureFile } from '../media/image-format.ts';
import { isInside } from './content-paths.ts';

/** Files editors and operating systems leave behind: never articles, never worth stopping a build for. */
const leftovers = /^(?:.*~|#.*#|thumbs\.db|desktop\.ini)$/i;

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
): Promise<string[]> {
  let entries: Dirent[];
  const root = join(contentDir, 'articles');
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    // By slicing, not path.relative: at 100,000 files that costs half a second of a one-article publish.
    const folder =
      entry.parentPath === root
        ? ''
        : `${entry.parentPath
            .slice(root.length + 1)
            .split(sep)
            .join('/')}/`;
    const path = `articles/${folder}${entry.name}`;
    const parts = path.split('/');
    if (parts.some((part) => part.startsWith('.')) || entry.name.toLowerCase() === 'readme.md') continue;
    if (leftovers.test(entry.name)) continue;
    // A picture is checked where an article names it (media/locate-picture.ts), links included.
    if (entry.isSymbolicLink() && !isPictureFile(path)) {
      const problem = await symbolicLinkProblem(join(contentDir, path), contentDir);
      if (problem) {
        problems.push({ file: shown(path), message: problem });
        continue;
      }
    }
    files.push(path);
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
