/**
 * Incremental section (issue 16): for each archive size, a clean build, a rebuild with nothing changed, one new
 * article and one edited article, each as `npm run build` runs them (the caches beside the build), with wall time
 * and peak RSS; the archive has 50 tags and 200 sources, as the sections bench. Runs with `--scale`.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateArticle, generatedTags } from '../scripts/generate-articles.ts';
import { generateCorpus } from './generate-corpus.ts';
import { type BuiltSite, buildSite } from './site-bundle.ts';
import { round } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';

const SECTION = 'incremental';
const MiB = 1024 * 1024;
const [TAGS, SOURCES] = [50, 200];

interface Point {
  readonly articles: number;
  readonly clean: BuiltSite;
  readonly unchanged: BuiltSite;
  readonly added: BuiltSite;
  readonly edited: BuiltSite;
}

export async function runIncremental(options: BenchOptions): Promise<SectionResult> {
  const points: Point[] = [];
  for (const articles of options.scaleSizes) {
    const content = join(options.tmp, `incremental-${articles}`);
    options.progress(`incremental: generating ${articles.toLocaleString('en-US')} articles`);
    await generateCorpus(options, articles, content);
    const out = join(options.tmp, `incremental-${articles}-site`);
    const build = async (what: string) => {
      const built = await buildSite(options.root, content, out, 'https://news.example.com');
      options.progress(
        `incremental: ${articles} ${what}: ${built.wallSeconds.toFixed(1)} s, ${(built.maxRssBytes / MiB).toFixed(0)} MiB`,
      );
      return built;
    };
    const clean = await build('clean');
    const unchanged = await build('unchanged');
    // The newest article (the generator dates article i after i - 1), with its sidecar's two tags.
    const { name, text } = generateArticle(articles + 1, { sources: SOURCES });
    writeFileSync(join(content, 'articles', name), text);
    writeFileSync(
      join(content, 'articles', name.replace(/\.txt$/, '.yaml')),
      `tags: ${JSON.stringify(generatedTags(articles + 1, TAGS))}\n`,
    );
    const added = await build('+1 article');
    appendFileSync(join(content, 'articles', 'story-000003.txt'), '\nA paragraph the desk added later.\n');
    const edited = await build('1 edited');
    points.push({ articles, clean, unchanged, added, edited });
  }
  const largest = points.at(-1);
  const tenth = points.find((point) => largest && point.articles * 10 === largest.articles);
  const figures: Figure[] = [];
  for (const point of points) {
    const size = point.articles.toLocaleString('en-US');
    const atScale = point.articles >= 100_000;
    const seconds = (id: string, label: string, built: BuiltSite, target?: number): Figure => ({
      section: SECTION,
      id: `${point.articles}.${id}`,
      label: `${label}, ${size} articles`,
      value: round(built.wallSeconds, 1),
      unit: 's',
      ...(target !== undefined ? { target } : {}),
    });
    figures.push(
      seconds('clean', 'clean build', point.clean, atScale ? 40 : undefined),
      seconds('unchanged', 'rebuild, nothing changed', point.unchanged),
      seconds('added', '+1 article', point.added, atScale ? 3 : undefined),
      seconds('edited', '1 edited article', point.edited, atScale ? 3 : undefined),
      {
        section: SECTION,
        id: `${point.articles}.rss`,
        label: `peak RSS of a clean build, ${size} articles`,
        value: round(point.clean.maxRssBytes / MiB, 0),
        unit: 'MiB',
        ...(atScale ? { target: 1024 } : {}),
      },
    );
  }
  if (largest && tenth)
    figures.push({
      section: SECTION,
      id: 'growth',
      label: `clean build ${largest.articles.toLocaleString('en-US')} / ${tenth.articles.toLocaleString('en-US')}`,
      value: round(largest.clean.wallSeconds / tenth.clean.wallSeconds, 1),
      unit: 'x',
      target: 10.5,
    });
  return {
    section: SECTION,
    title: 'Incremental builds (clean, unchanged, +1, edited; 50 tags, 200 sources)',
    figures,
    details: points.map(({ articles, ...builds }) => ({
      articles,
      ...Object.fromEntries(
        Object.entries(builds).map(([what, built]) => [
          what,
          { wallSeconds: built.wallSeconds, cpuSeconds: built.cpuSeconds, maxRssBytes: built.maxRssBytes },
        ]),
      ),
    })),
  };
}
