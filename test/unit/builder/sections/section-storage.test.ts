import { describe, expect, it } from 'vitest';
import { createApp } from '../../../../src/app.ts';
import type { SiteStore } from '../../../../src/archive/site-store.ts';
import { buildInMemory } from '../../../../src/builder/render/in-memory-site.ts';
import { parseWireCopy } from '../../../../src/content/wire-copy.ts';
import type { Article } from '../../../../src/model/article.ts';
import { keyHash } from '../../../../src/model/source-key.ts';
import { site as siteWith } from '../../content/helpers.ts';

const site = siteWith({ baseUrl: 'https://news.example.com' });

function story(index: number, tags: readonly string[]): Article {
  const date = new Date(Date.UTC(2025, 0, 1) + index * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const result = parseWireCopy(`s-${index}.txt`, `Story ${index}\n${date}\nBody ${index}.\nSource:www.news.cn\n`, site);
  if (!result.ok || result.draft) throw new Error(`s-${index}.txt`);
  return { ...result.article, tags };
}

const archive = (count: number, tags: readonly string[] = ['economy']) =>
  Array.from({ length: count }, (_, index) => story(index + 1, tags));

/** The app over a build, with a store that counts its reads. */
async function countingApp(articles: readonly Article[]) {
  const built = await buildInMemory(site, articles);
  const reads: string[] = [];
  const store: SiteStore = {
    read: async (path) => {
      reads.push(path);
      return built.files.get(path);
    },
  };
  const app = createApp({ manifest: built.manifest, storeFor: () => store });
  return { app, reads, files: built.files };
}

describe('section storage', () => {
  it.each([45, 900])('reads at most three stored files for any page of a %i-article section', async (count) => {
    const { app, reads } = await countingApp(archive(count));
    const last = Math.ceil(count / site.pageSize);
    for (const path of [
      `/tags/economy/rss.xml?page=${last}`,
      '/sources/www.news.cn/atom.xml?page=2',
      '/tags/economy',
    ]) {
      reads.length = 0;
      expect((await app.request(path)).status, path).toBe(200);
      expect(reads.length, path).toBeLessThanOrEqual(3);
    }
  });

  it('stores all four formats of a page-size run of a section in one file', async () => {
    const { files } = await countingApp(archive(45));
    const chunks = [...files.keys()].filter((path) => path.startsWith(`sections/tag/${keyHash('economy')}/`));
    expect(chunks.sort()).toEqual([0, 1, 2].map((chunk) => `sections/tag/${keyHash('economy')}/${chunk}.json`));
  });

  it('rewrites only the newest chunk of each of its sections (and their heads) when an article arrives', async () => {
    const before = await countingApp(archive(45));
    const after = await countingApp([...archive(45), story(46, ['economy'])]);
    const changed = [...after.files.keys()]
      .filter((path) => path.startsWith('sections/') && before.files.get(path) !== after.files.get(path))
      .sort();
    expect(changed).toEqual(
      [
        `sections/source/${keyHash('www.news.cn')}.json`,
        `sections/source/${keyHash('www.news.cn')}/2.json`,
        'sections/source/index.html',
        `sections/tag/${keyHash('economy')}.json`,
        `sections/tag/${keyHash('economy')}/2.json`,
        'sections/tag/index.html',
      ].sort(),
    );
  });

  it('lists only the articles that carry the tag', async () => {
    const { app } = await countingApp([...archive(3), story(4, ['other'])]);
    const feed = (await (await app.request('/tags/economy/feed.json')).json()) as { items: { title: string }[] };
    expect(feed.items.map((item) => item.title)).toEqual(['Story 3', 'Story 2', 'Story 1']);
  });
});
