// What scheduling may not do, checked at publish against the Worker's clock.
import { describe, expect, it } from 'vitest';
import type { ShardEntry } from '../../../../src/archive/shard.ts';
import { releaseProblems } from '../../../../src/builder/archive/release-checks.ts';
import type { Article } from '../../../../src/model/article.ts';
import { articleDate } from '../../../support/articles.ts';

const now = Date.parse('2026-12-06T20:00:00Z');
const article = (fields: Partial<Article>): Article =>
  ({
    slug: 'a',
    file: 'articles/a.txt',
    published: articleDate('2026-12-01T00:00:00Z'),
    updated: articleDate('2026-12-01T00:00:00Z'),
    ...fields,
  }) as Article;
const live = (release: number): ReadonlyMap<string, ShardEntry> =>
  new Map([['a', ['a', release, [], 'o'.repeat(64), 0, [], [], 'id', 0]]]);

describe('release checks', () => {
  it('refuses a correction or a retraction dated after now', () => {
    const problems = releaseProblems(
      [
        article({ corrections: [{ date: articleDate('2026-12-07T00:00:00Z'), text: 'Later.' }] }),
        article({
          slug: 'b',
          file: 'articles/b.txt',
          retracted: { date: articleDate('2026-12-07T00:00:00Z'), reason: 'Later.' },
        }),
      ],
      new Map(),
      now,
    );
    expect(problems.map((problem) => problem.file)).toEqual(['articles/a.txt', 'articles/b.txt']);
    expect(problems[0]?.message).toMatch(/correction.*after now/);
    expect(problems[1]?.message).toMatch(/retracted.*after now/);
  });

  it('refuses an embargo added to an article that is already public, and allows one before its release', () => {
    const embargoed = article({ embargo: articleDate('2026-12-08T00:00:00Z') });
    expect(releaseProblems([embargoed], live(Date.parse('2026-12-01T00:00:00Z')), now)).toEqual([
      expect.objectContaining({
        file: 'articles/a.txt',
        message: expect.stringMatching(/would withdraw an article that is public/),
      }),
    ]);
    expect(releaseProblems([embargoed], live(Date.parse('2026-12-07T00:00:00Z')), now)).toEqual([]);
    expect(releaseProblems([embargoed], new Map(), now)).toEqual([]);
  });
});
