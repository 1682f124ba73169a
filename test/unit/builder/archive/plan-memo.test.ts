// A plan that takes what the last plan of its process hashed, stored and rendered (plan-memo.ts, what a `--watch`
// publisher does each save) must make exactly the version a plan without that memory makes. The oracle: the same
// plan, on the same previous version, with a fresh memo; the root names every piece, so equal roots are equal versions.
import { describe, expect, it } from 'vitest';
import type { ArchiveSource } from '../../../../src/archive/archive-source.ts';
import { buildArchive } from '../../../../src/builder/archive/build-archive.ts';
import { nodeCodec } from '../../../../src/builder/archive/node-codec.ts';
import type { ArchiveState, PlannedArchive } from '../../../../src/builder/archive/plan-archive.ts';
import { newPlanMemo, type PlanMemo } from '../../../../src/builder/archive/plan-memo.ts';
import type { Article } from '../../../../src/model/article.ts';
import { newestFirst } from '../../../../src/model/article-order.ts';
import type { Site } from '../../../../src/model/site.ts';
import { articleDate, story } from '../../../support/articles.ts';
import { siteWith, testSite } from '../../../support/sites.ts';

const releasedBy = Date.parse('2025-09-01T00:00:00Z');
const tags = ['Trade', 'Ports', 'Energy'];

/** Article `n`: an hour after article n - 1, from 1 July 2025; one of three tags. */
function numbered(n: number, title?: string, fields: { tags?: string[]; retracted?: { date: string } } = {}): Article {
  const at = new Date(Date.parse('2025-07-01T00:00:00Z') + n * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  return story(`story-${n}`, {
    date: at,
    tags: [tags[n % tags.length] as string],
    ...(title ? { title } : {}),
    ...fields,
  });
}

/** `articles` with story-`n` made again by `make`. */
function replaced(articles: readonly Article[], n: number, make: () => Article): Article[] {
  return articles.map((article) => (article.slug === `story-${n}` ? make() : article));
}

/** Every object planned, by name: the changes log merges its tail with pieces read back. */
const objects = new Map<string, Uint8Array>();
const source: ArchiveSource = {
  live: async () => undefined,
  range: async (object, offset, length) => objects.get(object)?.slice(offset, offset + length),
  object: async (hash) => objects.get(hash),
  media: async () => undefined,
};

async function plan(site: Site, articles: readonly Article[], previous: ArchiveState | undefined, memo: PlanMemo) {
  return buildArchive({
    site,
    articles: newestFirst(articles),
    codec: nodeCodec,
    sink: async ({ hash, bytes }) => {
      objects.set(hash, bytes);
    },
    source,
    releasedBy,
    urlsPerSitemap: 500,
    memo,
    ...(previous ? { previous } : {}),
  });
}

describe('a plan with the memory of the last plan', () => {
  it('makes the same version as a plan without it, after each kind of change', { timeout: 60_000 }, async () => {
    // 1,100 articles: the site list hashes in two runs of members and has two spine pieces, the sitemap three parts.
    let articles = Array.from({ length: 1_100 }, (_, n) => numbered(n));
    let site = testSite;
    const memo = newPlanMemo();
    let last: PlannedArchive = await plan(site, articles, undefined, memo);
    const changes: [string, () => void][] = [
      ['one more article', () => (articles = [...articles, numbered(1_100)])],
      [
        'an old article edited',
        () => (articles = articles.map((a) => (a.slug === 'story-3' ? numbered(3, 'New') : a))),
      ],
      ['an article removed', () => (articles = articles.filter((article) => article.slug !== 'story-500'))],
      [
        'an article moved to a new section',
        () => (articles = replaced(articles, 800, () => numbered(800, undefined, { tags: ['Fishing', 'Ports'] }))),
      ],
      [
        'an article retracted',
        () =>
          (articles = replaced(articles, 1_090, () =>
            numbered(1_090, undefined, { retracted: { date: '2025-08-20 10:00' } }),
          )),
      ],
      [
        'the only article of a section removed',
        () => (articles = articles.filter((article) => article.slug !== 'story-800')),
      ],
      [
        'an embargoed article waiting',
        () => (articles = [...articles, { ...numbered(1_101), embargo: articleDate('2025-10-01T00:00:00Z') }]),
      ],
      ['the site moved', () => (site = siteWith({ ...testSite, baseUrl: 'https://other.example', title: 'Another' }))],
      ['nothing', () => {}],
    ];
    const reusedRuns: number[] = [];
    const sectionCounts: string[] = [];
    for (const [name, change] of changes) {
      change();
      const before = new Set([...memo.runs.values()].flat());
      const listsBefore = new Set(memo.sections?.lists.values());
      const remembered = await plan(site, articles, last.state, memo);
      const fresh = await plan(site, articles, last.state, newPlanMemo());
      expect(remembered.rootHash, name).toBe(fresh.rootHash);
      expect(remembered.report, name).toEqual(fresh.report);
      reusedRuns.push([...memo.runs.values()].flat().filter((run) => before.has(run)).length);
      // Section lists taken whole from the last plan, of how many.
      const lists = [...(memo.sections?.lists.values() ?? [])];
      sectionCounts.push(`${lists.filter((list) => listsBefore.has(list)).length}/${lists.length}`);
      last = remembered;
    }
    expect(reusedRuns).toHaveLength(changes.length);
    // Three tags and one source: an added, edited or removed article touches its tag and the source; the move touches
    // two tags, the new one and the source; a retraction changes the tombstones every section filters; an embargo
    // waiting is not in the first state; the site moved, no list is kept.
    expect(sectionCounts).toEqual(['2/4', '2/4', '2/4', '1/5', '0/5', '2/4', '4/4', '0/4', '4/4']);
    // The memory is used: the oldest run of the site list (1,024 articles) outlives a new, an edited-young, a removed
    // article; the site's new identity tag leaves no run to reuse; nothing changed, every run is reused.
    const [added, edited, removed, , , , embargoed, moved, unchanged] = reusedRuns;
    expect(added).toBeGreaterThan(0);
    expect(edited).toBeGreaterThan(0);
    expect(removed).toBeGreaterThan(0);
    expect(embargoed).toBeGreaterThan(0);
    expect(moved).toBe(0);
    expect(unchanged).toBe([...memo.runs.values()].flat().length);
  });
});
