// A --watch save sorts only what changed (archive-order.ts): after any sequence of builds, the order and the slug
// counts made from the last build's must be exactly those made from scratch. fast-check makes the sequences: files
// added, deleted, edited (a new object), kept (the same object), slugs shared, and now and then a list out of file order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ArchiveOrder, archiveOrder } from '../../../../src/builder/content/archive-order.ts';
import type { Article } from '../../../../src/model/article.ts';
import { newestFirst } from '../../../../src/model/article-order.ts';

/** An article as far as the order reads it: its file, slug and date (a few dates, so ties fall to the slug). */
function article(file: number, slug: number, hour: number): Article {
  return {
    file: `articles/${String(file).padStart(3, '0')}.txt`,
    slug: `s${slug}`,
    published: { iso: '', epochMs: hour * 3_600_000 },
  } as Article;
}

const step = fc.record({
  add: fc.array(fc.tuple(fc.nat(200), fc.nat(60), fc.nat(5)), { maxLength: 4 }),
  remove: fc.array(fc.nat(), { maxLength: 3 }),
  edit: fc.array(fc.tuple(fc.nat(), fc.nat(5)), { maxLength: 3 }),
  shuffled: fc.boolean(),
});

describe('the archive order of a build made from the last one', () => {
  it('is the order and the slug counts made from scratch, after any sequence of changes', () => {
    let steps = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(200), fc.nat(60), fc.nat(5)), { minLength: 10, maxLength: 40 }),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        (start, changes) => {
          const byFile = new Map<number, Article>();
          for (const [file, slug, hour] of start) byFile.set(file, article(file, slug, hour));
          const listed = () => [...byFile.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
          let last: ArchiveOrder = archiveOrder(listed());
          for (const change of changes) {
            const files = [...byFile.keys()];
            for (const index of change.remove) byFile.delete(files[index % Math.max(1, files.length)] as number);
            for (const [index, hour] of change.edit) {
              const file = files[index % Math.max(1, files.length)] as number;
              const was = byFile.get(file);
              if (was) byFile.set(file, article(file, Number(was.slug.slice(1)), hour));
            }
            for (const [file, slug, hour] of change.add) byFile.set(file, article(file, slug, hour));
            const parsed = listed();
            if (change.shuffled) parsed.reverse();
            const order = archiveOrder(parsed, last);
            const counts = new Map<string, number>();
            for (const { slug } of parsed) counts.set(slug, (counts.get(slug) ?? 0) + 1);
            expect(order.newest).toEqual(newestFirst(parsed));
            expect(order.newest.every((value, index) => value === newestFirst(parsed)[index])).toBe(true);
            expect(new Map(order.slugs)).toEqual(counts);
            expect(order.shared).toBe([...counts.values()].filter((count) => count > 1).length);
            last = order;
            steps++;
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(steps).toBeGreaterThanOrEqual(300);
  });

  it('takes the last order as it is when nothing changed, and sorts only the articles that did', () => {
    const parsed = Array.from({ length: 1_000 }, (_, n) => article(n, n, n % 7));
    const first = archiveOrder(parsed);
    const again = archiveOrder([...parsed], first);
    expect(again.newest).toEqual(first.newest);
    expect(again.newest).not.toBe(first.newest);
    const edited = [...parsed];
    edited[10] = article(10, 10, 100);
    const after = archiveOrder(edited, again);
    expect(after.newest[0]).toBe(edited[10]);
    expect(after.newest).toHaveLength(1_000);
    expect(after.newest).not.toContain(parsed[10]);
  });
});
