/**
 * Build time: what changed between two newest-first lists of articles, by object. In a `--watch` publisher an
 * unchanged article is the same object build after build (parse-cache.ts), so one walk of pointer comparisons tells
 * the few articles a save added and removed; what was made from the rest last time is made again only where they are.
 */
import type { Article } from '../../model/article.ts';
import { compareNewestFirst } from '../../model/article-order.ts';

export interface NewestDiff {
  /** In `before`, not in `after`: an edited article's old object is here, its new one in `added`. */
  readonly removed: readonly Article[];
  /** In `after`, not in `before`, newest first. */
  readonly added: readonly Article[];
}

/**
 * Both lists are in the archive's order (compareNewestFirst, a total order: slug and file break ties), so a merge walk
 * is exact: an article behind the other list's next one is not in that list.
 */
export function newestDiff(before: readonly Article[], after: readonly Article[]): NewestDiff {
  return orderedDiff(before, after, compareNewestFirst);
}

/**
 * The same walk for two lists sorted by any `order` in which two articles compare equal only when they are the same
 * file (archive-order.ts walks the parsed lists in file order). Out of that order, an article in both lists may be
 * named as removed and added too; nothing in both is missed.
 */
export function orderedDiff(
  before: readonly Article[],
  after: readonly Article[],
  order: (a: Article, b: Article) => number,
): NewestDiff {
  const removed: Article[] = [];
  const added: Article[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    const a = before[i] as Article;
    const b = after[j] as Article;
    if (a === b) {
      i++;
      j++;
      continue;
    }
    const sign = order(a, b);
    if (sign <= 0) {
      removed.push(a);
      i++;
    }
    if (sign >= 0) {
      added.push(b);
      j++;
    }
  }
  for (; i < before.length; i++) removed.push(before[i] as Article);
  for (; j < after.length; j++) added.push(after[j] as Article);
  return { removed, added };
}

/** `members` (newest first) less the articles in `gone`, with `arrivals` (newest first) merged in at their places. */
export function mergeNewest(
  members: readonly Article[],
  gone: ReadonlySet<Article>,
  arrivals: readonly Article[],
): Article[] {
  const merged: Article[] = [];
  let next = 0;
  for (const article of members) {
    if (gone.has(article)) continue;
    while (next < arrivals.length && compareNewestFirst(arrivals[next] as Article, article) < 0)
      merged.push(arrivals[next++] as Article);
    merged.push(article);
  }
  while (next < arrivals.length) merged.push(arrivals[next++] as Article);
  return merged;
}
