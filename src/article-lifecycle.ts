/** What happens to an article after publication: corrections (the page stays) and a retraction (the page is withdrawn). */
import type { ArticleDate } from './article.ts';

/** A published correction: shown on the page, in the feeds, and as schema.org `CorrectionComment`. */
export interface Correction {
  readonly date: ArticleDate;
  /** Plain text, one line. */
  readonly text: string;
}

/** The article is withdrawn: its page answers 410 Gone and it leaves every list. */
export interface Retraction {
  readonly date: ArticleDate;
  /** Plain text, one line: why it was withdrawn. */
  readonly reason: string;
}
