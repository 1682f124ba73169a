/** Build time: reads content/ (site.yaml and articles/), validates every file, and returns the site and its articles. */
import { type Dirent, readFileSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { type ArticleBounds, fieldSizeProblems, fileSizeProblem } from '../../content/article-bounds.ts';
import { ContentError, type ContentProblem, sortProblems } from '../../content/content-error.ts';
import type { MediaRefs } from '../../content/parse-result.ts';
import { isSidecarFile, sidecarPathOf } from '../../content/sidecar.ts';
import { defaultSite, parseSiteConfig } from '../../content/site-config.ts';
import { parseWireCopy } from '../../content/wire-copy.ts';
import type { Article } from '../../model/article.ts';
import { newestFirst } from '../../model/article-order.ts';
import type { Site } from '../../model/site.ts';
import { isPictureFile } from '../media/image-format.ts';
import { type MediaOptions, type PublishedFile, publishMedia } from '../media/publish-media.ts';
import { type FileParser, type ParseJob, parseFile, parsers } from './parse-file.ts';

export interface LoadedContent {
  readonly site: Site;
  /** Newest first (published desc, then slug asc), drafts excluded. */
  readonly articles: readonly Article[];
  /** What is odd but was published anyway, sorted by file and line: the build prints each one. */
  readonly warnings: readonly ContentProblem[];
  /** Pictures to publish below media/, and how many were encoded (not taken from the cache) in this run. */
  readonly media: { readonly files: readonly PublishedFile[]; readonly encoded: number };
}

export interface LoadContentOptions {
  /** Replaces site.yaml's baseUrl (the dev server and `--base-url` set it). */
  readonly baseUrl?: string;
  /** Size limits of an article file and its fields. @default defaultArticleBounds (128 KiB a file, 4 KiB a field) */
  readonly bounds?: ArticleBounds;
  /** Picture cache and rendition settings. */
  readonly media?: MediaOptions;
  /** Called as files are parsed: `done` of `total` files (the CLI's progress line). */
  readonly progress?: (done: number, total: number) => void;
  /** Articles kept between builds and bodies kept on disk (the CLI's parse-cache.ts). @default none: all parsed, all in memory */
  readonly store?: ParsedArticleStore;
  /** Parses files elsewhere (the CLI's worker threads), several at once; results are taken in file order. @default in place */
  readonly parser?: FileParser;
}

/** Where parsed articles go, and where unchanged ones come from (paths relative to the content folder). */
export interface ParsedArticleStore {
  /** The article parsed from `file` (and its `sidecar`) in an earlier build, when neither has changed since. */
  lookup(
    file: string,
    sidecar: string | undefined,
  ): { article: Article; warnings: readonly ContentProblem[] } | undefined;
  /** What is kept of a valid article just parsed; `cacheable` is false when its pictures must be checked again. */
  keep(article: Article, file: string, warnings: readonly ContentProblem[], cacheable: boolean): Article;
}

/** Files editors and operating systems leave behind: never articles, never worth stopping a build for. */
const leftovers = /^(?:.*~|#.*#|thumbs\.db|desktop\.ini)$/i;

/**
 * Loads and validates all content. Any problem anywhere throws one ContentError listing every
 * problem of every file (sorted by file, then line), so nothing half-built is served.
 * `articles/` is read recursively (sub-folders are only for the publisher's order; the slug
 * comes from the file name); dotfiles, dot-folders, README.md files, editor backups (`name~`,
 * `#name#`) and Thumbs.db/desktop.ini are ignored; a symbolic link to a file is read through, a
 * link to a folder or to nothing is a problem (never silently skipped); a missing
 * site.yaml means the defaults, a missing articles/ folder means no articles. A wire copy's sidecar
 * (`name.yaml` beside `name.txt`, see sidecar.ts) is read with it; one with no wire copy is a problem.
 * Warnings (odd but publishable: a source credited by name) never stop the build; they are returned.
 * Problem file names are relative to the working directory, as the publisher would type them.
 */
export async function loadContent(contentDir: string, options: LoadContentOptions = {}): Promise<LoadedContent> {
  const problems: ContentProblem[] = [];
  const shown = (path: string) => displayPath(join(contentDir, path));

  const siteText = readText(join(contentDir, 'site.yaml'), shown('site.yaml'), problems);
  const siteResult = parseSiteConfig(shown('site.yaml'), siteText ?? '', options);
  if (!siteResult.ok) for (const problem of siteResult.problems) problems.push(problem);
  // Articles are still checked against the defaults, so one run reports every problem.
  const site = siteResult.ok ? siteResult.site : defaultSite;

  const parsed: { file: string; article?: Article; media?: MediaRefs }[] = [];
  const warnings: ContentProblem[] = [];
  const files = await listArticleFiles(contentDir, shown, problems);
  const listed = new Set(files);
  // An unchanged article (same bytes as in the last build, its sidecar too) is neither read nor parsed.
  // Every file is looked up (stamped) before any is read: a change made while this build runs is seen next time.
  const hits = files.map((file) => {
    const parse = parserOf(file);
    if (!parse || !options.store) return undefined;
    const sidecar = parse === parseWireCopy ? sidecarPathOf(file) : undefined;
    return options.store.lookup(file, sidecar !== undefined && listed.has(sidecar) ? sidecar : undefined);
  });
  // With a parser elsewhere, up to `window` files parse at once; each file's result is settled in file order.
  const window = options.parser ? 16 : 0;
  const settling: (() => Promise<void>)[] = [];
  const settleInOrder = async (settle: () => Promise<void>) => {
    settling.push(settle);
    while (settling.length > window) await settling.shift()?.();
  };
  for (const [index, file] of files.entries()) {
    options.progress?.(index + 1, files.length);
    const parse = parserOf(file);
    if (isSidecarFile(file)) {
      // Read with its wire copy; alone it has nothing to describe.
      const wireCopy = file.replace(/\.yaml$/i, '.txt');
      const markdown = file.replace(/\.yaml$/i, '.md');
      if (listed.has(markdown)) {
        problems.push({
          file: shown(file),
          message: `a sidecar is only for wire copy (.txt): put these keys in the front matter of ${shown(markdown)}`,
        });
      } else if (!listed.has(wireCopy)) {
        problems.push({
          file: shown(file),
          message: `a sidecar describes the wire copy beside it, and there is no ${shown(wireCopy)}`,
        });
      }
      continue;
    }
    if (!parse) {
      // Pictures may sit next to their articles; they are published when an article refers to them.
      if (isPictureFile(file)) continue;
      problems.push({
        file: shown(file),
        message: 'not an article: articles are .txt (wire copy) or .md (Markdown) files',
      });
      continue;
    }
    const hit = hits[index];
    if (hit) {
      await settleInOrder(async () => {
        for (const warning of hit.warnings) warnings.push(warning);
        parsed.push({ file, article: hit.article });
      });
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
    const sidecar = parse === parseWireCopy ? sidecarPathOf(file) : undefined;
    const sidecarText =
      sidecar !== undefined && listed.has(sidecar)
        ? readText(join(contentDir, sidecar), shown(sidecar), problems)
        : undefined;
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
        if (result.media) parsed.push({ file: pictureFile, media: result.media });
      } else {
        const fileWarnings = (result.warnings ?? []).map(located);
        for (const warning of fileWarnings) warnings.push(warning);
        const oversized = result.draft ? [] : fieldSizeProblems(shown(file), result.article, options.bounds);
        // The agency's own text never stops the build (docs/content.md "When a file is wrong"): an over-long wire-copy
        // field is published in full (its header is capped) with a warning; in front matter it is the publisher's error.
        const agencyText = !result.draft && result.article.format === 'wire-copy';
        for (const problem of oversized)
          if (agencyText)
            warnings.push({ ...problem, message: `${problem.message}; published in full, headers capped` });
          else problems.push(problem);
        if (!result.draft && (agencyText || oversized.length === 0))
          parsed.push({
            file: pictureFile,
            article: options.store
              ? options.store.keep(result.article, file, fileWarnings, result.media === undefined)
              : result.article,
            ...(result.media ? { media: result.media } : {}),
          });
      }
    });
  }
  while (settling.length > 0) await settling.shift()?.();
  const media = await publishMedia(site, contentDir, parsed, shown, options.media);
  const { articles } = media;
  for (const problem of media.problems) problems.push(problem);
  for (const problem of duplicateSlugProblems(articles, shown)) problems.push(problem);

  if (problems.length > 0) throw new ContentError(sortProblems(problems), sortProblems(warnings));
  return {
    site,
    articles: newestFirst(articles),
    warnings: sortProblems(warnings),
    media: { files: media.files, encoded: media.encoded },
  };
}

function parserOf(file: string) {
  const extension = file.slice(file.lastIndexOf('.')).toLowerCase();
  return file.includes('.', file.lastIndexOf('/')) ? parsers[extension] : undefined;
}

function duplicateSlugProblems(articles: readonly Article[], shown: (path: string) => string): ContentProblem[] {
  const bySlug = new Map<string, string[]>();
  for (const article of articles) bySlug.set(article.slug, [...(bySlug.get(article.slug) ?? []), article.file]);
  const problems: ContentProblem[] = [];
  for (const [slug, files] of bySlug) {
    if (files.length < 2) continue;
    const [first, ...others] = files.map(shown).sort();
    // A retracted article keeps its slug for ever: its id stays a tombstone and is never reused.
    const retracted = articles.find((article) => article.slug === slug && article.retracted);
    const why = retracted
      ? `; ${shown(retracted.file)} was retracted, and a retracted article's id is never reused`
      : '';
    problems.push({
      file: first ?? '',
      message: `slug "${slug}" is used by more than one article: ${[first, ...others].join(', ')}; slugs must be unique${why}`,
    });
  }
  return problems;
}

/** Article files relative to contentDir (`articles/…`, with `/`), sorted by code unit. */
async function listArticleFiles(
  contentDir: string,
  shown: (path: string) => string,
  problems: ContentProblem[],
): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(contentDir, 'articles'), { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    const path = relative(contentDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    const parts = path.split('/');
    if (parts.some((part) => part.startsWith('.')) || entry.name.toLowerCase() === 'readme.md') continue;
    if (leftovers.test(entry.name)) continue;
    // A picture is checked where an article names it (media/publish-media.ts), links included.
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
    if (!isInside(await realpath(path), await realpath(contentDir)))
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

function isInside(path: string, folder: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder !== '' && !fromFolder.startsWith(`..${sep}`) && fromFolder !== '..' && !isAbsolute(fromFolder);
}

/**
 * The file as UTF-8 text; bytes that are not UTF-8 are a problem. Undefined when missing or unreadable.
 * Synchronous: an article is a few KB in the page cache, and readFile's promise is four thread-pool round
 * trips per file (open, fstat, read, close), which at 200,000 files cost more than the reads.
 */
function readText(path: string, shownPath: string, problems: ContentProblem[]): string | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    problems.push({ file: shownPath, message: `cannot be read: ${(error as Error).message}` });
    return undefined;
  }
  // Windows editors save "Unicode" as UTF-16 with a byte order mark: name it, not its first byte.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    problems.push({ file: shownPath, message: 'is UTF-16 text; save it as UTF-8' });
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
    problems.push({
      file: shownPath,
      line,
      message: `is not UTF-8 text (bad byte at offset ${offset}); save it as UTF-8`,
    });
    return undefined;
  }
}

/** Byte offset of the first invalid UTF-8 byte: the longest prefix a streaming decoder accepts. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.floor((low + high + 1) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  // The accepted prefix may end in an incomplete sequence the decoder was holding: it starts there.
  let lead = low - 1;
  while (lead >= 0 && low - lead <= 3 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  const first = bytes[lead] ?? 0;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead >= 0 && length > low - lead ? lead : low;
}

function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return (fromCwd.startsWith('..') || fromCwd === '' ? path : fromCwd).split(sep).join('/');
}
