/** Size bounds on an article (its file and each field): named build errors, so nothing oversized deploys. */
import type { Article } from '../model/article.ts';
import { linkTarget } from '../render/headers/attribution-headers.ts';
import { utf8Length } from '../shared/utf8.ts';
import type { ContentProblem } from './content-error.ts';

export interface ArticleBounds {
  /** Bytes of one article file (UTF-8): its page, feed items and pack stay far below 25 MiB a file and 10 ms CPU. @default 131072 (128 KiB) */
  readonly maxFileBytes: number;
  /** Bytes (UTF-8) of each field other than the body: title, summary, editor, copyright, source, each tag… @default 4096 */
  readonly maxFieldBytes: number;
  /** Characters a URL that goes into a header (canonical, source URL) may have once percent-encoded. @default 2048 */
  readonly maxHeaderUrlLength: number;
}

export const defaultArticleBounds: ArticleBounds = {
  maxFileBytes: 128 * 1024,
  maxFieldBytes: 4096,
  maxHeaderUrlLength: 2048,
};

/** The body fields, bounded by the file's size instead; `file` and dates are ours, not the author's. */
const unboundedFields = new Set(['bodyText', 'bodyHtml', 'file']);

/** A problem when the file is larger than allowed, checked before parsing (a 20 MB file is never parsed). */
export function fileSizeProblem(file: string, text: string, bounds = defaultArticleBounds): ContentProblem | undefined {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: most files are short enough not to be measured.
  if (text.length * 3 <= bounds.maxFileBytes) return undefined;
  const bytes = utf8Length(text);
  if (bytes <= bounds.maxFileBytes) return undefined;
  return {
    file,
    message: `is ${bytes.toLocaleString('en')} bytes; an article may be at most ${bounds.maxFileBytes.toLocaleString('en')} bytes (split it, or shorten it)`,
  };
}

/** A problem for each field of a parsed article that is longer than allowed. */
export function fieldSizeProblems(file: string, article: Article, bounds = defaultArticleBounds): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const check = (name: string, value: string) => {
    if (value.length * 3 <= bounds.maxFieldBytes) return;
    const bytes = utf8Length(value);
    if (bytes > bounds.maxFieldBytes)
      problems.push({
        file,
        message: `${name} is ${bytes.toLocaleString('en')} bytes; at most ${bounds.maxFieldBytes.toLocaleString('en')} are allowed`,
      });
  };
  // Names first: the bodies may be getters (read back from disk or decoded), and they are not bounded here.
  for (const name of Object.keys(article)) {
    if (unboundedFields.has(name)) continue;
    const value: unknown = article[name as keyof Article];
    if (typeof value === 'string') check(name, value);
    else if (Array.isArray(value)) for (const item of value) if (typeof item === 'string') check(name, item);
  }
  if (article.source) {
    check('source', article.source.name);
    if (article.source.url !== undefined) check('source URL', article.source.url);
  }
  for (const [name, url] of [
    ['canonical', article.canonical],
    ['source URL', article.source?.url],
  ] as const) {
    if (url !== undefined && linkTarget(url).length > bounds.maxHeaderUrlLength)
      problems.push({
        file,
        message: `${name} is ${linkTarget(url).length} characters once encoded for the Link header; at most ${bounds.maxHeaderUrlLength} are allowed`,
      });
  }
  return problems;
}
