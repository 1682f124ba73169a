/** ParseResult: what parsing one content file gives: an article, a draft to skip, or its problems. */
import type { Article } from '../article.ts';
import type { ContentProblem } from './content-error.ts';

/**
 * `warnings`: what is odd but still publishable (a source credited by name, …), each with its file
 * and line; the build prints them and goes on. Absent means none.
 */
export type ParseResult =
  | {
      readonly ok: true;
      readonly draft: false;
      readonly article: Article;
      readonly warnings?: readonly ContentProblem[];
    }
  | { readonly ok: true; readonly draft: true; readonly warnings?: readonly ContentProblem[] }
  | { readonly ok: false; readonly problems: readonly ContentProblem[] };
