/**
 * Build time: what may have changed in content/ since the last good build (the watcher's events, else git's answer),
 * and the journal that build left (its article files, the parse index it wrote, where git stood), so a one-file
 * publish looks at that file, not at every file. Without both, nothing is assumed: every file is looked at.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { type GitMark, gitChanges } from './git-changes.ts';
import { recallIndex, rememberIndex } from './index-memo.ts';
import type { ArticleFiles } from './list-article-files.ts';

/** What the last good build saw. */
interface ContentJournal {
  readonly format: 1;
  readonly contentDir: string;
  readonly listing: ArticleFiles;
  /** The parse index's stamp when the build wrote it: a change list means nothing against another index. */
  readonly index: string;
  readonly git?: GitMark;
}

export interface ChangeListOptions {
  /** The journal's file (beside the parse index). */
  readonly file: string;
  /** The content folder, absolute. */
  readonly contentDir: string;
  /** The parse index's stamp now (parse-cache.ts). */
  readonly indexStamp: () => string;
  /** What a watcher saw change since the last good build (`--watch`); absent: git is asked. */
  readonly watched?: ReadonlySet<string>;
}

export interface ChangeList {
  /** The last build's files and what may differ from them; absent: every file is looked at. */
  readonly changes?: { readonly previous: ArticleFiles; readonly changed: ReadonlySet<string> };
  /** Where the change list came from, for the CLI's report. */
  readonly from: 'watcher' | 'git' | 'none';
  /** Writes this build's journal (after the build succeeded and the parse index was saved). */
  save(listing: ArticleFiles): void;
}

/**
 * Past this share of the files, a change list is no cheaper than looking at every file (a checkout of another
 * branch, a content folder git ignores): the walk is taken.
 */
const worthwhileShare = 0.25;

export async function changeList(options: ChangeListOptions): Promise<ChangeList> {
  const journal = readJournal(options.file);
  // A watcher knows; git is asked otherwise (its mark is what the next build asks about).
  const git = options.watched ? undefined : await gitChanges(options.contentDir, journal?.git);
  const changed = options.watched ?? git?.changed;
  const usable =
    journal !== undefined &&
    changed !== undefined &&
    journal.contentDir === options.contentDir &&
    journal.index === options.indexStamp() &&
    changed.size <= Math.max(1000, worthwhileShare * journal.listing.files.length);
  const save = (listing: ArticleFiles) =>
    writeJournal(options.file, {
      format: 1,
      contentDir: options.contentDir,
      listing,
      index: options.indexStamp(),
      ...(git ? { git: git.mark } : {}),
    });
  if (!usable) return { from: 'none', save };
  // A link's target may change with no change to the link: each is looked at again.
  return {
    changes: { previous: journal.listing, changed: new Set([...changed, ...journal.listing.links]) },
    from: options.watched ? 'watcher' : 'git',
    save,
  };
}

/**
 * A --watch process reads back the journal it wrote itself (200,000 paths at 100,000 articles) only when another
 * process rewrote it since.
 */
function readJournal(file: string): ContentJournal | undefined {
  const kept = recallIndex<ContentJournal>(file, [file]);
  if (kept) return kept;
  try {
    const journal = deserialize(readFileSync(file)) as ContentJournal;
    return journal.format === 1 && Array.isArray(journal.listing?.files) ? journal : undefined;
  } catch {
    // No journal, or a damaged one: every file is looked at, and the build writes a new one.
    return undefined;
  }
}

function writeJournal(file: string, journal: ContentJournal): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, serialize(journal));
  renameSync(`${file}.tmp`, file);
  rememberIndex(file, [file], journal);
}
