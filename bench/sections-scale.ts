/**
 * `npm run bench -- --scale`, sections: stored files, bytes and build time of the largest scale archive with
 * 50 tags and 200 sources, and cold CPU per request of a large section's last page vs the site feed's page 1.
 */
import { mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateArticle, generatedTags } from '../scripts/generate-articles.ts';
import { createApp } from '../src/app.ts';
import type { SiteStore } from '../src/archive/site-store.ts';
import { buildSite } from '../src/builder/render/build-site.ts';
import { sectionLists } from '../src/builder/sections/section-lists.ts';
import { defaultSite } from '../src/content/site-config.ts';
import { parseWireCopy } from '../src/content/wire-copy.ts';
import type { Article } from '../src/model/article.ts';
import { newestFirst } from '../src/model/article-order.ts';
import { sectionFeedPath } from '../src/render/section-urls.ts';
import { MemoryCache } from '../src/worker/http/memory-cache.ts';
import { median, spread } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';

const SECTION = 'sections';
const TAGS = 50;
const SOURCES = 200;
const MiB = 1024 * 1024;
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export async function runSectionsScale(options: BenchOptions): Promise<SectionResult> {
  const count = Math.max(...options.scaleSizes);
  const site = { ...defaultSite, baseUrl: 'http://localhost:8787', timeZone: 'Asia/Shanghai' };
  options.progress(`sections: generating ${count.toLocaleString('en-US')} articles, ${TAGS} tags, ${SOURCES} sources`);
  const articles: Article[] = [];
  for (let index = 0; index < count; index++) {
    const { name, text } = generateArticle(index, { sources: SOURCES });
    const result = parseWireCopy(`articles/${name}`, text, site);
    if (!result.ok || result.draft) throw new Error(`sections: ${name} does not parse`);
    // Wire copy takes tags from a sidecar; the bench gives them directly.
    articles.push({ ...result.article, tags: generatedTags(index, TAGS) });
  }

  // 1. The build, to disk like `npm run build`.
  const out = join(options.tmp, 'sections-assets');
  const made = new Set<string>();
  let files = 0;
  let sectionFiles = 0;
  let bytes = 0;
  options.progress('sections: building');
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const manifest = await buildSite(site, articles, async (path, text) => {
    files++;
    if (path.startsWith('sections/')) sectionFiles++;
    bytes += Buffer.byteLength(text);
    const file = join(out, path);
    if (!made.has(dirname(file))) {
      mkdirSync(dirname(file), { recursive: true });
      made.add(dirname(file));
    }
    await writeFile(file, text);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  options.progress(
    `sections: ${files} files (${sectionFiles} of sections), ${(bytes / MiB).toFixed(0)} MiB, ${wallSeconds.toFixed(1)} s`,
  );

  // 2. Cold CPU per request (isolate memory off, no edge cache in Node): a large section's last page vs /rss.xml.
  const { tags } = sectionLists(newestFirst(articles));
  const largest = [...tags].sort((a, b) => b.count - a.count)[0];
  if (!largest) throw new Error('sections: no tag section');
  const lastPage = Math.ceil(largest.count / site.pageSize);
  const sectionPath = sectionFeedPath('tag', largest.key, 'rss', lastPage);
  const store: SiteStore = {
    read: async (path) => readFile(join(out, path), 'utf8').catch(() => undefined),
    readBytes: async (path) => readFile(join(out, path)).catch(() => undefined),
  };
  const app = createApp({ manifest, storeFor: () => store, memory: new MemoryCache(0) });
  const cpuPerRequest = async (path: string, requests: number): Promise<number> => {
    const before = process.cpuUsage();
    for (let index = 0; index < requests; index++) {
      const response = await app.request(path);
      if (response.status !== 200) throw new Error(`sections: ${path} answered ${response.status}`);
      await response.arrayBuffer();
    }
    const used = process.cpuUsage(before);
    return (used.user + used.system) / requests;
  };
  const rounds = options.quick ? 5 : 11;
  const requests = options.quick ? 100 : 300;
  await cpuPerRequest('/rss.xml', 50);
  await cpuPerRequest(sectionPath, 50);
  const ratios: number[] = [];
  const micros: Record<string, number[]> = { site: [], section: [] };
  options.progress(`sections: cold CPU, ${rounds} rounds, ${sectionPath} vs /rss.xml`);
  for (let index = 0; index < rounds; index++) {
    const order = index % 2 === 0 ? (['site', 'section'] as const) : (['section', 'site'] as const);
    const measured: Record<string, number> = {};
    for (const which of order) {
      measured[which] = await cpuPerRequest(which === 'site' ? '/rss.xml' : sectionPath, requests);
      micros[which]?.push(measured[which] ?? 0);
    }
    ratios.push((measured.section ?? 0) / (measured.site ?? 1));
  }

  const fmt = (n: number): string => n.toLocaleString('en-US');
  const [low, high] = spread(ratios);
  const figures: Figure[] = [
    {
      section: SECTION,
      id: `files:${count}`,
      label: `${fmt(count)} articles, ${TAGS} tags, ${SOURCES} sources: stored files`,
      value: files,
      unit: 'files',
      target: 100_000,
      note: `Paid plan: 100,000 static-asset files per Worker version; ${fmt(sectionFiles)} of them sections`,
    },
    {
      section: SECTION,
      id: `bytes:${count}`,
      label: `${fmt(count)} articles with sections: stored bytes`,
      value: round(bytes / MiB, 0),
      unit: 'MiB',
    },
    {
      section: SECTION,
      id: `build:${count}`,
      label: `${fmt(count)} articles with sections: build time (wall, in process)`,
      value: round(wallSeconds, 1),
      unit: 's',
      note: `CPU ${cpuSeconds.toFixed(1)} s (user+sys)`,
    },
    {
      section: SECTION,
      id: 'cold-cpu:section-last-page',
      label: `cold CPU per request, last page of a ${fmt(largest.count)}-article tag vs /rss.xml page 1`,
      value: round(median(ratios)),
      unit: 'x',
      spread: [round(low), round(high)],
      target: 1.2,
      note: 'in process (Node), storage read from disk, isolate memory off',
    },
  ];
  return {
    section: SECTION,
    title: 'Sections at scale',
    figures,
    details: {
      count,
      files,
      sectionFiles,
      bytes,
      wallSeconds,
      cpuSeconds,
      largest: { key: largest.key, count: largest.count, lastPage },
      micros,
      ratios,
    },
  };
}
