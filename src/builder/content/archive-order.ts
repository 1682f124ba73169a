/**
 * Build time: the articles newest first, and whether two share a slug, worked out from the last build of the process
 * when most of its articles are the same objects (a `--watch` save: the parse cache gives an unchanged article back as
 * the same object). Sorting 100,000 articles and a set of their slugs each save was ~0.1 s of it.
 */
import type { Article } from '../../model/article.ts';
import { compareNewestFirst, newestFirst } from '../../model/article-order.ts';
import { orderedDiff } from '../archive/newest-diff.ts';

/** What one build leaves for the next: its articles as parsed (file order), newest first, and each slug's count. */
export interface ArchiveOrder {
  readonly parsed: readonly Article[];
  readonly newest: readonly Article[];
  readonly slugs: Map<string, number>;
  /** Slugs used by more than one article. */
  readonly shared: number;
}

/**
 * The order and slug counts of `parsed` (in file order), from `last` when there is one: the articles that are not the
 * same objects at the same place of a walk through both lists in file order are taken out and put in. The walk only
 * decides what is cheap to reuse; whatever it decides, the result is the same as from scratch. `last` is used up (its
 * slug counts become the result's): keep only the result.
 */
export function archiveOrder(parsed: readonly Article[], last?: ArchiveOrder): ArchiveOrder {
  if (last === undefined) return fromScratch(parsed);
  const { removed: gone, added } = orderedDiff(last.parsed, parsed, byFile);
  // A change of most of the archive (a new site.yaml, a first build after another content folder): sorted anew.
  if (gone.length + added.length > parsed.length / 8) return fromScratch(parsed);
  const slugs = last.slugs;
  let shared = last.shared;
  const count = (slug: string, by: number) => {
    const before = slugs.get(slug) ?? 0;
    const after = before + by;
    if (before > 1 !== after > 1) shared += after > 1 ? 1 : -1;
    if (after === 0) slugs.delete(slug);
    else slugs.set(slug, after);
  };
  for (const article of gone) count(article.slug, -1);
  for (const article of added) count(article.slug, 1);
  const leaving = new Set(gone);
  const newest = leaving.size > 0 ? last.newest.filter((article) => !leaving.has(article)) : [...last.newest];
  for (const article of added) newest.splice(insertionPoint(newest, article), 0, article);
  return { parsed, newest, slugs, shared };
}

function fromScratch(parsed: readonly Article[]): ArchiveOrder {
  const slugs = new Map<string, number>();
  let shared = 0;
  for (const { slug } of parsed) {
    const count = (slugs.get(slug) ?? 0) + 1;
    if (count === 2) shared++;
    slugs.set(slug, count);
  }
  return { parsed, newest: newestFirst(parsed), slugs, shared };
}

/**
 * File order: a walk through both parsed lists (newest-diff.ts) steps past a file only one list has; a list out of that
 * order only makes what left and what came longer (an article both gone and added lands where it was).
 */
function byFile(a: Article, b: Article): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** Where `article` goes in the newest-first list `newest` (binary search). */
function insertionPoint(newest: readonly Article[], article: Article): number {
  let low = 0;
  let high = newest.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNewestFirst(newest[middle] as Article, article) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
