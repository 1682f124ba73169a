// An article's instants are copied from the last call's columns when it is the same object (article-columns.ts).
// Property: after any sequence of lists sharing objects, in the archive's order or not, every column holds what the
// article's own fields say.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { articleColumns } from '../../../../src/builder/archive/article-columns.ts';
import { type Article, releaseOf } from '../../../../src/model/article.ts';
import { newestFirst } from '../../../../src/model/article-order.ts';

const at = (hours: number) => ({ iso: '', epochMs: hours * 3_600_000 });

function article([file, hour, embargo, retracted, corrected]: [number, number, number, number, number]): Article {
  return {
    file: `articles/${file}.txt`,
    slug: `s${file}`,
    published: at(hour),
    updated: at(hour + 1),
    ...(embargo > 0 ? { embargo: at(hour + embargo - 2) } : {}),
    ...(retracted > 0 ? { retracted: { date: at(hour + retracted), reason: 'Withdrawn.' } } : {}),
    ...(corrected > 0 ? { corrections: [{ date: at(hour + corrected), text: 'Fixed.' }] } : {}),
  } as Article;
}

const spec = fc.tuple(fc.nat(100), fc.nat(20), fc.nat(4), fc.nat(3), fc.nat(3));

describe('article columns', () => {
  it('hold each article’s own instants after any sequence of calls', () => {
    let lists = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uniqueArray(spec, { selector: ([file]) => file, maxLength: 30 }), fc.boolean()), {
          minLength: 1,
          maxLength: 6,
        }),
        (steps) => {
          // Each step keeps some objects of the step before and makes others new.
          let kept: Article[] = [];
          for (const [specs, shuffled] of steps) {
            const fresh = specs.map(article).filter((value) => !kept.some((old) => old.file === value.file));
            const listed = newestFirst([...kept.filter((_, index) => index % 3 !== 0), ...fresh]);
            if (shuffled) listed.reverse();
            const columns = articleColumns(listed);
            for (const [index, value] of listed.entries()) {
              expect(columns.release[index]).toBe(releaseOf(value));
              expect(columns.retracted[index]).toBe(value.retracted?.date.epochMs ?? Number.NaN);
              expect(columns.listDate[index]).toBe((value.retracted?.date ?? value.updated).epochMs);
              expect(columns.event[index]).toBe(Math.max(value.published.epochMs, value.retracted?.date.epochMs ?? 0));
              expect(columns.amended[index]).toBe(
                Math.max(
                  value.retracted?.date.epochMs ?? Number.NEGATIVE_INFINITY,
                  ...(value.corrections ?? []).map((correction) => correction.date.epochMs),
                ),
              );
            }
            kept = listed;
            lists++;
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(lists).toBeGreaterThan(200);
  });
});
