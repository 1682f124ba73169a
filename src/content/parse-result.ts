/** ParseResult: what parsing one content file gives: an article, a draft to skip, or its problems. */
import type { Article } from '../article.ts';
import type { ContentProblem } from './content-error.ts';

export type ParseResult =
  | { readonly ok: true; readonly draft: false; readonly article: Article }
  | { readonly ok: true; readonly draft: true }
  | { readonly ok: false; readonly problems: readonly ContentProblem[] };
