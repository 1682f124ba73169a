/** Build time: which files of content/ git says changed since the last build, so a one-file publish need not look at every file. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where git stood at a build: the commit checked out, and the files that differed from it (edited, new, deleted). */
export interface GitMark {
  readonly head: string;
  readonly dirty: readonly string[];
}

/** What git says. */
export interface GitChanges {
  /** The files that may differ from the build at `since` (below the content folder, with `/`); undefined: unknown. */
  readonly changed: ReadonlySet<string> | undefined;
  /** Where git stands now: what the next build asks git about. */
  readonly mark: GitMark;
}

/** Paths git prints with `-z`: NUL-separated, relative to the content folder. */
function paths(output: string): string[] {
  return output.split('\0').filter((path) => path.length > 0);
}

/**
 * Asks git what changed below `contentDir` since the build that left `since`: the files that differ between that
 * build's commit and the working tree (commits since, edits not committed, deletions), the untracked files (ignored
 * ones included: the build reads them too), and the files that differed from the commit at that build (an edit since
 * undone is a change too). git reads its own index for this (one `lstat` a tracked file, in C), never a file's bytes
 * unless its stamp moved. `changed` is unknown without `since` (the first build) or when `since`'s commit is gone;
 * the whole answer is undefined when git cannot say: no repository, no commit yet, or a nested repository in the way.
 */
export async function gitChanges(contentDir: string, since: GitMark | undefined): Promise<GitChanges | undefined> {
  const git = async (...args: string[]) =>
    (
      await run(
        'git',
        // Raw paths; and no fsmonitor hook: asking what changed must never run a command the repository names.
        ['-C', contentDir, '-c', 'core.quotePath=false', '-c', 'core.fsmonitor=false', ...args],
        { maxBuffer: 256 * 1024 * 1024 },
      )
    ).stdout;
  try {
    // All asked at once, before the first await: git works while the caller reads its parse index.
    const [headLine, sinceDiff, untracked] = await Promise.all([
      git('rev-parse', '--verify', '-q', 'HEAD^{commit}'),
      // A commit gone (a rebase, then gc) is no answer: every file is checked.
      since
        ? git('diff', '--name-only', '-z', '--no-renames', '--relative', since.head, '--', '.').catch(() => undefined)
        : undefined,
      git('ls-files', '-z', '--others', '--', '.'),
    ]);
    const head = headLine.trim();
    const others = paths(untracked);
    // A folder git will not look into (a repository of its own): only a walk of the files can say what is in it.
    if (others.some((path) => path.endsWith('/'))) return undefined;
    // What differs from the commit checked out now, for the next build: the same diff unless HEAD moved.
    const headDiff =
      since?.head === head
        ? sinceDiff
        : await git('diff', '--name-only', '-z', '--no-renames', '--relative', 'HEAD', '--', '.');
    const mark = { head, dirty: [...new Set([...paths(headDiff ?? ''), ...others])].sort() };
    if (since === undefined || sinceDiff === undefined) return { changed: undefined, mark };
    return { changed: new Set([...paths(sinceDiff), ...others, ...since.dirty]), mark };
  } catch {
    return undefined;
  }
}
