// A --watch plan makes again only the section lists an added or removed article is in (list-views.ts), from the walk
// of newest-diff.ts. Property: for any two newest-first lists that share objects, the walk names exactly the objects
// only in one of them, and merging a group's change into its old members gives the group made from scratch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeNewest, newestDiff } from '../../../../src/builder/archive/newest-diff.ts';
import type { Article } from '../../../../src/model/article.ts';
import { newestFirst } from '../../../../src/model/article-order.ts';

/** An article as far as the order reads it; a few hours and slugs, so ties fall to the slug and then the file. */
function article([file, slug, hour]: [number, number, number]): Article {
  return {
    file: `articles/${file}.txt`,
    slug: `s${slug}`,
    published: { iso: '', epochMs: hour * 3_600_000 },
  } as Article;
}

const spec = fc.tuple(fc.nat(300), fc.nat(20), fc.nat(6));

describe('the difference of two newest-first lists', () => {
  it('names what left and what came, and merges a group back to the one made from scratch', () => {
    let cases = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(spec, { selector: ([file]) => file, maxLength: 40 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.uniqueArray(spec, { selector: ([file]) => file, maxLength: 8 }),
        (start, kept, arriving) => {
          const before = newestFirst(start.map(article));
          // Some of `before` stay (the same objects); new objects arrive, an edit being a new object for a kept file.
          const staying = before.filter((_, index) => kept[index] ?? true);
          const files = new Set(staying.map((value) => value.file));
          const arrivals = arriving.map(article).filter((value) => !files.has(value.file));
          const after = newestFirst([...staying, ...arrivals]);
          const { removed, added } = newestDiff(before, after);
          expect(new Set(removed)).toEqual(new Set(before.filter((value) => !staying.includes(value))));
          expect(removed).toHaveLength(before.length - staying.length);
          expect(added).toEqual(newestFirst(arrivals));
          expect(added.every((value, index) => value === newestFirst(arrivals)[index])).toBe(true);
          // A group: the articles of even hours.
          const even = (value: Article) => (value.published.epochMs / 3_600_000) % 2 === 0;
          const merged = mergeNewest(before.filter(even), new Set(removed), added.filter(even));
          expect(merged).toEqual(after.filter(even));
          expect(merged.every((value, index) => value === after.filter(even)[index])).toBe(true);
          cases++;
        },
      ),
      { numRuns: 300 },
    );
    expect(cases).toBe(300);
  });
});
