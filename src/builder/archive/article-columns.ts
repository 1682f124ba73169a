/**
 * Build time: the instants every publish reads from every article, one array each, in the order given. An article is
 * immutable, so its numbers are copied from the last call's columns when it is the same object (one walk of pointer
 * comparisons, newest-diff.ts's): a --watch save reads the fields of the articles it changed, not of 100,000 (each
 * pass that read them was 20–60 ms at 100,000). Any order is right; the archive's order makes the walk pair them all.
 */
import type { Article } from '../../model/article.ts';
import { releaseOf } from '../../model/article.ts';
import { compareNewestFirst } from '../../model/article-order.ts';

export interface ArticleColumns {
  readonly articles: readonly Article[];
  /** releaseOf: not public before it. */
  readonly release: Float64Array;
  /** The retraction's instant; NaN when it is not retracted. */
  readonly retracted: Float64Array;
  /** What a list's date takes from it: the retraction's instant, else `updated`'s (listed-articles.ts listsUpdated). */
  readonly listDate: Float64Array;
  /** Its latest archive event: the later of its date and its retraction (newestArchiveEvent). */
  readonly event: Float64Array;
  /** Its latest correction or retraction; -Infinity without either (release-checks.ts refuses one after now). */
  readonly amended: Float64Array;
}

const names = ['release', 'retracted', 'listDate', 'event', 'amended'] as const;

let last: ArticleColumns | undefined;

export function articleColumns(articles: readonly Article[]): ArticleColumns {
  const columns = {
    articles,
    release: new Float64Array(articles.length),
    retracted: new Float64Array(articles.length),
    listDate: new Float64Array(articles.length),
    event: new Float64Array(articles.length),
    amended: new Float64Array(articles.length),
  };
  const before = last?.articles ?? [];
  let from = 0;
  for (let index = 0; index < articles.length; index++) {
    const article = articles[index] as Article;
    // Past what left (or what an order other than the archive's puts behind): only a pointer compared when they match.
    while (
      from < before.length &&
      before[from] !== article &&
      compareNewestFirst(before[from] as Article, article) <= 0
    )
      from++;
    if (last === undefined || before[from] !== article) {
      fill(columns, index, article);
      continue;
    }
    // The run of the same objects from here, copied column by column at once.
    let end = 1;
    while (index + end < articles.length && before[from + end] === articles[index + end]) end++;
    for (const name of names) columns[name].set(last[name].subarray(from, from + end), index);
    index += end - 1;
    from += end;
  }
  last = columns;
  return columns;
}

function fill(columns: ArticleColumns, index: number, article: Article): void {
  const retracted = article.retracted?.date.epochMs ?? Number.NaN;
  columns.release[index] = releaseOf(article);
  columns.retracted[index] = retracted;
  columns.listDate[index] = article.retracted?.date.epochMs ?? article.updated.epochMs;
  columns.event[index] = Math.max(
    article.published.epochMs,
    article.retracted?.date.epochMs ?? Number.NEGATIVE_INFINITY,
  );
  let amended = article.retracted?.date.epochMs ?? Number.NEGATIVE_INFINITY;
  for (const correction of article.corrections ?? []) amended = Math.max(amended, correction.date.epochMs);
  columns.amended[index] = amended;
}
