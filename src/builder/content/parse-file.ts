/** Parses one article file (and its sidecar) into a ParseResult: the pure step a build worker thread can run. */
import { parseMarkdownArticle } from '../../content/markdown-article.ts';
import type { ParseResult } from '../../content/parse-result.ts';
import { applySidecar, type SidecarInput } from '../../content/sidecar.ts';
import { parseWireCopy } from '../../content/wire-copy.ts';
import type { Site } from '../../model/site.ts';

/** One file to parse: its path relative to the content folder, its text, the site, a wire copy's sidecar. */
export interface ParseJob {
  readonly file: string;
  readonly text: string;
  readonly site: Site;
  readonly sidecar?: SidecarInput;
}

/** Parses elsewhere (worker threads, build-pool.ts); the same result as parseFile. */
export type FileParser = (job: ParseJob) => Promise<ParseResult>;

/** The parser of each article extension (lower case); other files are no articles. */
export const parsers: Readonly<Record<string, (file: string, text: string, site: Site) => ParseResult>> = {
  '.txt': parseWireCopy,
  '.md': parseMarkdownArticle,
  '.markdown': parseMarkdownArticle,
};

/** The file's result with its sidecar's fields applied; only for a file whose extension has a parser. */
export function parseFile({ file, text, site, sidecar }: ParseJob): ParseResult {
  const parse = parsers[file.slice(file.lastIndexOf('.')).toLowerCase()];
  if (!parse) throw new Error(`${file}: not an article file`);
  const own = parse(file, text, site);
  return sidecar ? applySidecar(own, sidecar, site) : own;
}

/** The parser of an article file by its extension, or undefined for any other file. */
export function parserOf(file: string): ((file: string, text: string, site: Site) => ParseResult) | undefined {
  const extension = file.slice(file.lastIndexOf('.')).toLowerCase();
  return file.includes('.', file.lastIndexOf('/')) ? parsers[extension] : undefined;
}
