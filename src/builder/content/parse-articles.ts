/** Build time: parses the listed files in file order, each with its sidecar and within the size bounds; unchanged articles come from the store. */
import { join } from 'node:path';
import { type ArticleBounds, fieldSizeProblems, fileSizeProblem } from '../../content/article-bounds.ts';
import type { ContentProblem } from '../../content/content-error.ts';
import type { MediaRefs } from '../../content/parse-result.ts';
import { isSidecarFile, sidecarPathOf } from '../../content/sidecar.ts';
import { parseWireCopy } from '../../content/wire-copy.ts';
import type { Article } from '../../model/article.ts';
import type { Site } from '../../model/site.ts';
import { isPictureFile } from '../media/image-format.ts';
import { lowerBound } from './list-article-files.ts';
import { type FileParser, type ParseJob, parseFile, parserOf } from './parse-file.ts';
import { readText } from './read-text.ts';

/** Where parsed articles go, and where unchanged ones come from (paths relative to the content folder). */
export interface ParsedArticleStore {
  /** The article parsed from `file` (and its `sidecar`) in an earlier build, when neither has changed since. */
  lookup(
    file: string,
    sidecar: string | undefined,
  ): { article: Article; warnings: readonly ContentProblem[] } | undefined;
  /** What is kept of a valid article just parsed; `cacheable` is false when its pictures must be checked again. */
  keep(article: Article, file: string, warnings: readonly ContentProblem[], cacheable: boolean): Article;
  /**
   * `count` articles the last build of this process took from this store are carried over as they are, without a
   * lookup: false (and none counted) when the store no longer holds what it gave then (another index, a new body file).
   */
  carry?(count: number): boolean;
}

/** What one listed file gave a build that succeeded: its parsed article or pictures, and its warnings. */
export interface FileOutcome {
  readonly parsed?: ParsedFile;
  readonly warnings?: readonly ContentProblem[];
}

/**
 * The last successful parse of this process (load-content.ts): its files and what each gave, and the paths that may
 * have changed since (files or folders; change-list.ts).
 */
export interface LastParse {
  readonly files: readonly string[];
  readonly outcomes: readonly (FileOutcome | undefined)[];
  readonly changed: ReadonlySet<string>;
}

export interface ParseArticlesOptions {
  /** Size limits of an article file and its fields. @default defaultArticleBounds (128 KiB a file, 4 KiB a field) */
  readonly bounds?: ArticleBounds;
  /** Called as files are parsed: `done` of `total` files (the CLI's progress line). */
  readonly progress?: (done: number, total: number) => void;
  /** Articles kept between builds and bodies kept on disk (the CLI's parse-cache.ts). @default none: all parsed, all in memory */
  readonly store?: ParsedArticleStore;
  /** Parses files elsewhere (the CLI's worker threads), several at once; results are taken in file order. @default in place */
  readonly parser?: FileParser;
  /** The last parse of this process: a file it parsed that nothing changed is carried over as it was. @default none */
  readonly last?: LastParse;
}

/** What the files to parse are, and where their problems go. */
export interface ParseArticlesInput {
  readonly contentDir: string;
  /** Files relative to contentDir, sorted (list-article-files.ts). */
  readonly files: readonly string[];
  readonly site: Site;
  /** A path relative to contentDir as the publisher would type it. */
  readonly shown: (path: string) => string;
  /** Every problem found is pushed here, in file order. */
  readonly problems: ContentProblem[];
}

/** A parsed file: its article (none when it did not parse) and the pictures it refers to, to be checked. */
export interface ParsedFile {
  readonly file: string;
  readonly article?: Article;
  readonly media?: MediaRefs;
}

/**
 * Parses every article file, skipping sidecars (read with their wire copy; one with no wire copy is a problem)
 * and pictures (published when an article refers to them). Drafts are left out. Warnings (odd but publishable:
 * a source credited by name) are returned; an over-long wire-copy field is a warning, in front matter a problem.
 */
export async function parseArticles(
  { contentDir, files, site, shown, problems }: ParseArticlesInput,
  options: ParseArticlesOptions = {},
): Promise<{ parsed: ParsedFile[]; warnings: ContentProblem[]; outcomes: (FileOutcome | undefined)[] }> {
  const parsed: ParsedFile[] = [];
  const warnings: ContentProblem[] = [];
  // What each file gives, kept for the next build of this process; what the last one gave, for the files it carries.
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  const carried = carriedOutcomes(files, options);
  const fresh = (index: number) => carried[index] === undefined;
  // Every listed file, as a set only when a name is looked up that is not next to its wire copy (sorted listings put
  // `x.yaml` right after `x.txt`): a set of 200,000 paths each build was ~0.15 s of a save at 100,000 articles.
  let listedSet: ReadonlySet<string> | undefined;
  const listed = {
    has: (path: string) => {
      listedSet ??= new Set(files);
      return listedSet.has(path);
    },
  };
  // Each file's parser, worked out once; each wire copy's listed sidecar (`sidecars`, by the wire copy's index); the
  // sidecars beside a `.txt` of the same name (`paired`, what lonelySidecarProblem looks for); any Markdown listed.
  // Only for the files not carried over: a file and the files of its name (a wire copy, its sidecar, a Markdown file
  // of that name) are carried or not together, so what a file's checks look at beside it is worked out here too.
  const parsers = files.map((file, index) => (fresh(index) ? parserOf(file) : undefined));
  const sidecars: (string | undefined)[] = new Array(files.length);
  const paired = new Uint8Array(files.length);
  let markdown = false;
  for (const [index, file] of files.entries()) {
    if (!fresh(index)) continue;
    const parse = parsers[index];
    if (parse === parseWireCopy) {
      const sidecar = sidecarPathOf(file);
      const next = files[index + 1] === sidecar ? index + 1 : -1;
      if (next < 0 && !listed.has(sidecar)) continue;
      sidecars[index] = sidecar;
      if (next >= 0 && file.endsWith('.txt')) paired[next] = 1;
    } else if (parse) markdown = true;
  }
  // An unchanged article (same bytes as in the last build, its sidecar too) is neither read nor parsed.
  // Every file is looked up (stamped) before any is read: a change made while this build runs is seen next time.
  const hits = files.map((file, index) =>
    parsers[index] && options.store ? options.store.lookup(file, sidecars[index]) : undefined,
  );
  // With a parser elsewhere, up to `window` files parse at once; each file's result is settled in file order. Each
  // file's outcome goes in its place; the parsed articles and warnings are gathered in file order at the end, so a
  // file carried over or taken from the store waits for nothing (through a promise a file after the first one parsed,
  // that was ~0.1 s of a --watch save at 100,000 articles).
  const window = options.parser ? 16 : 0;
  const settling: (() => Promise<void>)[] = [];
  const settleInOrder = async (settle: () => Promise<void>) => {
    settling.push(settle);
    while (settling.length > window) await settling.shift()?.();
  };
  for (const [index, file] of files.entries()) {
    options.progress?.(index + 1, files.length);
    const kept = carried[index];
    if (kept !== undefined) {
      outcomes[index] = kept;
      continue;
    }
    const parse = parsers[index];
    if (isSidecarFile(file)) {
      // A sidecar beside its wire copy is fine unless a Markdown file has its name too (checked only when any does).
      const problem = paired[index] === 1 && !markdown ? undefined : lonelySidecarProblem(file, listed, shown);
      if (problem) problems.push(problem);
      else outcomes[index] = nothing;
      continue;
    }
    if (!parse) {
      // Pictures may sit next to their articles; they are published when an article refers to them.
      if (isPictureFile(file)) {
        outcomes[index] = nothing;
        continue;
      }
      problems.push({
        file: shown(file),
        message: 'not an article: articles are .txt (wire copy) or .md (Markdown) files',
      });
      continue;
    }
    const hit = hits[index];
    if (hit) {
      const taken = { file, article: hit.article };
      outcomes[index] = { parsed: taken, ...(hit.warnings.length > 0 ? { warnings: hit.warnings } : {}) };
      continue;
    }
    const text = readText(join(contentDir, file), shown(file), problems);
    if (text === undefined) continue;
    // Size bounds (article-bounds.ts): an oversized file is refused before it is parsed.
    const tooLarge = fileSizeProblem(shown(file), text, options.bounds);
    if (tooLarge) {
      problems.push(tooLarge);
      continue;
    }
    const sidecar = sidecars[index];
    const sidecarText =
      sidecar !== undefined ? readText(join(contentDir, sidecar), shown(sidecar), problems) : undefined;
    const sidecarTooLarge =
      sidecar !== undefined &&
      sidecarText !== undefined &&
      fileSizeProblem(shown(sidecar), sidecarText, options.bounds);
    if (sidecarTooLarge) {
      problems.push(sidecarTooLarge);
      continue;
    }
    const hasSidecar = sidecar !== undefined && sidecarText !== undefined;
    const job: ParseJob = {
      file,
      text,
      site,
      ...(hasSidecar ? { sidecar: { file: sidecar, text: sidecarText, wireCopyFile: shown(file) } } : {}),
    };
    const parsing = options.parser?.(job);
    // A failure is thrown where the file is settled, in order; until then it is not an unhandled rejection.
    parsing?.catch(() => {});
    await settleInOrder(async () => {
      const result = parsing ? await parsing : parseFile(job);
      const located = (problem: ContentProblem) => ({ ...problem, file: shown(problem.file) });
      // The build checks pictures (it has the files), also those of a file that did not parse: every problem in one run.
      const pictureFile = hasSidecar ? sidecar : file;
      // One push per problem: a spread of 200,000 problems or warnings would overflow the call stack.
      if (!result.ok) {
        for (const problem of result.problems) problems.push(located(problem));
        // Its pictures are checked all the same (the build fails; nothing of it is kept for the next one).
        if (result.media) outcomes[index] = { parsed: { file: pictureFile, media: result.media } };
      } else {
        const fileWarnings = (result.warnings ?? []).map(located);
        const given: ContentProblem[] = [...fileWarnings];
        const oversized = result.draft ? [] : fieldSizeProblems(shown(file), result.article, options.bounds);
        // The agency's own text never stops the build (docs/content.md "When a file is wrong"): an over-long wire-copy
        // field is published in full (its header is capped) with a warning; in front matter it is the publisher's error.
        const agencyText = !result.draft && result.article.format === 'wire-copy';
        for (const problem of oversized)
          if (agencyText) given.push({ ...problem, message: `${problem.message}; published in full, headers capped` });
          else problems.push(problem);
        const made: ParsedFile | undefined =
          !result.draft && (agencyText || oversized.length === 0)
            ? {
                file: pictureFile,
                article: options.store
                  ? options.store.keep(result.article, file, fileWarnings, result.media === undefined)
                  : result.article,
                ...(result.media ? { media: result.media } : {}),
              }
            : undefined;
        outcomes[index] = { ...(made ? { parsed: made } : {}), ...(given.length > 0 ? { warnings: given } : {}) };
      }
    });
  }
  while (settling.length > 0) await settling.shift()?.();
  for (const outcome of outcomes) {
    if (outcome === undefined) continue;
    // One push each: a spread of 200,000 warnings would overflow the call stack.
    for (const warning of outcome.warnings ?? []) warnings.push(warning);
    if (outcome.parsed) parsed.push(outcome.parsed);
  }
  return { parsed, warnings, outcomes };
}

/**
 * What the last parse of this process gave each file that is still listed and that nothing changed since: not the
 * file, not a folder above it, not a file of its name (its sidecar or wire copy; a Markdown file of that name). None
 * when the store no longer holds what the last parse took from it. The unchanged paths are the same strings in both
 * sorted lists, so one walk pairs them (none when the list is the same); the changed paths are looked up by prefix.
 */
function carriedOutcomes(files: readonly string[], options: ParseArticlesOptions): (FileOutcome | undefined)[] {
  const last = options.last;
  if (last === undefined) return new Array(files.length);
  const carried: (FileOutcome | undefined)[] = files === last.files ? [...last.outcomes] : new Array(files.length);
  if (files !== last.files)
    for (let index = 0, from = 0; index < files.length; index++) {
      const file = files[index] as string;
      while (from < last.files.length && (last.files[from] as string) < file) from++;
      if (last.files[from] === file) carried[index] = last.outcomes[from];
    }
  const touch = (prefix: string, also: (file: string) => boolean) => {
    for (let at = lowerBound(files, prefix); (files[at] as string | undefined)?.startsWith(prefix); at++)
      if (also(files[at] as string)) carried[at] = undefined;
  };
  for (const path of last.changed) {
    const name = nameOf(path);
    touch(path, (file) => file === path);
    touch(`${name}.`, (file) => nameOf(file) === name);
    touch(`${path}/`, () => true);
  }
  // The store is told of the articles it gave (those with pictures it never keeps: they are parsed again each time).
  let count = 0;
  for (const outcome of carried) if (outcome?.parsed?.article && outcome.parsed.media === undefined) count++;
  return options.store?.carry?.(count) === false ? new Array(files.length) : carried;
}

/** A file that gives nothing and is fine: a sidecar beside its wire copy, a picture. */
const nothing: FileOutcome = {};

/** A path without its extension: a wire copy, its sidecar and a Markdown file of the same name share it. */
function nameOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(0, dot) : path;
}

/** A sidecar is read with its wire copy; alone, or beside a Markdown file, it is a problem. */
function lonelySidecarProblem(
  file: string,
  listed: { has(path: string): boolean },
  shown: (path: string) => string,
): ContentProblem | undefined {
  // isSidecarFile: the name ends in .yaml (any case).
  const stem = file.slice(0, -'.yaml'.length);
  const wireCopy = `${stem}.txt`;
  const markdown = `${stem}.md`;
  if (listed.has(markdown))
    return {
      file: shown(file),
      message: `a sidecar is only for wire copy (.txt): put these keys in the front matter of ${shown(markdown)}`,
    };
  if (!listed.has(wireCopy))
    return {
      file: shown(file),
      message: `a sidecar describes the wire copy beside it, and there is no ${shown(wireCopy)}`,
    };
  return undefined;
}
