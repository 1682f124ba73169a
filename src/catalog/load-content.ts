/** Build time: reads content/ (site.yaml and articles/), validates every file, and returns the site and its articles. */
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Article } from '../article.ts';
import { ContentError, type ContentProblem, sortProblems } from '../content/content-error.ts';
import { parseMarkdownArticle } from '../content/markdown-article.ts';
import type { ParseResult } from '../content/parse-result.ts';
import { parseWireCopy } from '../content/wire-copy.ts';
import type { Site } from '../site.ts';
import { defaultSite, parseSiteConfig } from './site-config.ts';

export interface LoadedContent {
  readonly site: Site;
  /** Newest first (published desc, then slug asc), drafts excluded. */
  readonly articles: readonly Article[];
}

export interface LoadContentOptions {
  /** Replaces site.yaml's baseUrl (the dev server and `--base-url` set it). */
  readonly baseUrl?: string;
}

const parsers: Record<string, (file: string, text: string, site: Site) => ParseResult> = {
  '.txt': parseWireCopy,
  '.md': parseMarkdownArticle,
};

/**
 * Loads and validates all content. Any problem anywhere throws one ContentError listing every
 * problem of every file (sorted by file, then line), so nothing half-built is served.
 * `articles/` is read recursively (sub-folders are only for the publisher's order; the slug
 * comes from the file name); dotfiles, dot-folders and README.md files are ignored; a missing
 * site.yaml means the defaults, a missing articles/ folder means no articles.
 * Problem file names are relative to the working directory, as the publisher would type them.
 */
export async function loadContent(contentDir: string, options: LoadContentOptions = {}): Promise<LoadedContent> {
  const problems: ContentProblem[] = [];
  const shown = (path: string) => displayPath(join(contentDir, path));

  const siteText = await readText(join(contentDir, 'site.yaml'), shown('site.yaml'), problems);
  const siteResult = parseSiteConfig(shown('site.yaml'), siteText ?? '', options);
  if (!siteResult.ok) problems.push(...siteResult.problems);
  // Articles are still checked against the defaults, so one run reports every problem.
  const site = siteResult.ok ? siteResult.site : defaultSite;

  const articles: Article[] = [];
  for (const file of await listArticleFiles(contentDir)) {
    const extension = file.slice(file.lastIndexOf('.')).toLowerCase();
    const parse = file.includes('.', file.lastIndexOf('/')) ? parsers[extension] : undefined;
    if (!parse) {
      problems.push({
        file: shown(file),
        message: 'not an article: articles are .txt (wire copy) or .md (Markdown) files',
      });
      continue;
    }
    const text = await readText(join(contentDir, file), shown(file), problems);
    if (text === undefined) continue;
    const result = parse(file, text, site);
    if (!result.ok) problems.push(...result.problems.map((problem) => ({ ...problem, file: shown(problem.file) })));
    else if (!result.draft) articles.push(result.article);
  }
  problems.push(...duplicateSlugProblems(articles, shown));

  if (problems.length > 0) throw new ContentError(sortProblems(problems));
  return { site, articles: articles.sort(newestFirst) };
}

/** Newest first; equal dates by slug, so the order never depends on the disk. */
export function newestFirst(a: Article, b: Article): number {
  if (a.published.epochMs !== b.published.epochMs) return b.published.epochMs - a.published.epochMs;
  return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
}

function duplicateSlugProblems(articles: readonly Article[], shown: (path: string) => string): ContentProblem[] {
  const bySlug = new Map<string, string[]>();
  for (const article of articles) bySlug.set(article.slug, [...(bySlug.get(article.slug) ?? []), article.file]);
  const problems: ContentProblem[] = [];
  for (const [slug, files] of bySlug) {
    if (files.length < 2) continue;
    const [first, ...others] = files.map(shown).sort();
    problems.push({
      file: first ?? '',
      message: `slug "${slug}" is used by more than one article: ${[first, ...others].join(', ')}; slugs must be unique`,
    });
  }
  return problems;
}

/** Article files relative to contentDir (`articles/…`, with `/`), sorted by code unit. */
async function listArticleFiles(contentDir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(contentDir, 'articles'), { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = relative(contentDir, join(entry.parentPath, entry.name)).split(sep).join('/');
    const parts = path.split('/');
    if (parts.some((part) => part.startsWith('.')) || entry.name.toLowerCase() === 'readme.md') continue;
    files.push(path);
  }
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The file as UTF-8 text; bytes that are not UTF-8 are a problem. Undefined when missing or unreadable. */
async function readText(path: string, shownPath: string, problems: ContentProblem[]): Promise<string | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    problems.push({ file: shownPath, message: `cannot be read: ${(error as Error).message}` });
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
