/**
 * In-process section: parsing one wire-copy file, and rendering a 20-item page of each format, each timed
 * against a floor in the same run, in interleaved rounds (order alternating), as median ratios with spread.
 */
import type { Article } from '../src/article.ts';
import { paginate } from '../src/build/paginate.ts';
import { defaultSite } from '../src/catalog/site-config.ts';
import { parseWireCopy } from '../src/content/wire-copy.ts';
import type { FeedPage } from '../src/render/feed-page.ts';
import type { Site } from '../src/site.ts';
import { benchCorpus, SEED_FILE } from './corpus.ts';
import { median, round, spread } from './stats.ts';
import {
  atomFromFragments,
  checkAdapters,
  indexFromFragments,
  jsonFeedFromFragments,
  prebuildFragments,
  renderArticlePage,
  renderAtom,
  renderIndexPage,
  renderJsonFeed,
  renderRss,
  rssFromFragments,
} from './subjects.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';

const SECTION = 'in-process';

/** Anything a timed function returns goes here, so no engine can drop the work as dead code. */
let sink = 0;
const consume = (value: string | object | Uint8Array): void => {
  sink = (sink + (typeof value === 'string' ? value.length : value instanceof Uint8Array ? value.byteLength : 1)) | 0;
};

type Work = () => string | object | Uint8Array;

interface Pair {
  readonly id: string;
  readonly label: string;
  readonly subject: Work;
  readonly floor: Work;
  readonly floorName: string;
  readonly target?: number;
}

function articleOf(file: string, text: string, site: Site): Article {
  const result = parseWireCopy(file, text, site);
  if (!result.ok || !('article' in result)) throw new Error(`bench corpus: ${file} does not parse`);
  return result.article;
}

/** Seconds per call of `work`, over `iterations` calls. */
function timePerCall(work: Work, iterations: number): number {
  const started = process.hrtime.bigint();
  for (let index = 0; index < iterations; index++) consume(work());
  return Number(process.hrtime.bigint() - started) / 1e9 / iterations;
}

/** Iterations that take about `budgetMs`, found by doubling (this also warms the function up). */
function calibrate(work: Work, budgetMs: number): number {
  let iterations = 1;
  for (;;) {
    const seconds = timePerCall(work, iterations) * iterations;
    if (seconds * 1000 >= budgetMs / 4 || iterations >= 1 << 22) {
      return Math.max(1, Math.round((iterations * budgetMs) / (seconds * 1000)));
    }
    iterations *= 2;
  }
}

export function pairs(root: string, site: Site = defaultSite): { pairs: Pair[]; sizes: Record<string, number> } {
  const corpus = benchCorpus(root, 20);
  const articles = corpus.map(({ file, text }) => articleOf(file, text, site));
  const [page] = paginate(articles, 20) as [FeedPage];
  const seed = articles[0] as Article;
  const seedText = (corpus[0] as { text: string }).text;
  const items = page.articles;
  const fragments = prebuildFragments(site, items);
  checkAdapters(site, page, fragments);

  // Floor for a page: copying a prebuilt string of the same length into fresh UTF-8 bytes (every character is
  // read and written, nothing is shared; it is also what sending the prebuilt page costs at least).
  const encoder = new TextEncoder();
  const prebuiltArticlePage = renderArticlePage(site, seed);
  const copy =
    (text: string): Work =>
    () =>
      encoder.encode(text);
  const stringifyItems: Work = () => JSON.stringify(items);
  const articleJson = JSON.stringify(seed);

  const list: Pair[] = [
    {
      id: 'parse',
      label: `parse one wire-copy file (${SEED_FILE}, ${seedText.length} chars)`,
      subject: () => articleOf(SEED_FILE, seedText, site),
      floor: () => JSON.parse(articleJson) as object,
      floorName: 'JSON.parse of the same Article',
    },
    ...(['rss', 'atom', 'json'] as const).map((format) => ({
      id: `${format}.render`,
      label: `${{ rss: 'RSS', atom: 'Atom', json: 'JSON Feed' }[format]} page, 20 items, from scratch`,
      subject: {
        rss: () => renderRss(site, page),
        atom: () => renderAtom(site, page),
        json: () => renderJsonFeed(site, page),
      }[format],
      floor: stringifyItems,
      floorName: 'JSON.stringify of the 20 Articles',
      target: 1.5,
    })),
    {
      id: 'index.render',
      label: 'index page, 20 items, from scratch',
      subject: () => renderIndexPage(site, page),
      floor: stringifyItems,
      floorName: 'JSON.stringify of the 20 Articles',
    },
    {
      id: 'article.render',
      label: "seed's article page, from scratch",
      subject: () => renderArticlePage(site, seed),
      floor: copy(prebuiltArticlePage),
      floorName: `copy of a prebuilt ${prebuiltArticlePage.length}-char string to UTF-8 bytes`,
      target: 1.5,
    },
    {
      id: 'rss.assemble',
      label: 'RSS page from 20 prebuilt <item>s',
      subject: () => rssFromFragments(site, page, fragments.rss),
      floor: stringifyItems,
      floorName: 'JSON.stringify of the 20 Articles',
      target: 1.5,
    },
    {
      id: 'atom.assemble',
      label: 'Atom page from 20 prebuilt <entry>s',
      subject: () => atomFromFragments(site, page, fragments.atom),
      floor: stringifyItems,
      floorName: 'JSON.stringify of the 20 Articles',
      target: 1.5,
    },
    {
      id: 'json.assemble',
      label: 'JSON Feed page from 20 prebuilt items',
      subject: () => jsonFeedFromFragments(site, page, fragments.json),
      floor: stringifyItems,
      floorName: 'JSON.stringify of the 20 Articles',
      target: 1.5,
    },
    {
      id: 'index.assemble',
      label: 'index page from 20 prebuilt <li>s',
      subject: () => indexFromFragments(site, page, fragments.index),
      floor: stringifyItems,
      floorName: 'JSON.stringify of the 20 Articles',
    },
  ];
  const sizes = {
    itemsJson: JSON.stringify(items).length,
    rss: renderRss(site, page).length,
    atom: renderAtom(site, page).length,
    json: renderJsonFeed(site, page).length,
    index: renderIndexPage(site, page).length,
    article: prebuiltArticlePage.length,
  };
  return { pairs: list, sizes };
}

export async function runInProcess(options: BenchOptions): Promise<SectionResult> {
  const rounds = options.quick ? 15 : 41;
  const budgetMs = 20;
  const { pairs: list, sizes } = pairs(options.root);
  const figures: Figure[] = [];
  const details: Record<string, unknown> = { rounds, budgetMs, sizesInChars: sizes };
  for (const pair of list) {
    // Warm-up and calibration: each side gets its own iteration count for ~budgetMs per batch.
    calibrate(pair.subject, budgetMs);
    calibrate(pair.floor, budgetMs);
    const subjectIterations = calibrate(pair.subject, budgetMs);
    const floorIterations = calibrate(pair.floor, budgetMs);
    const ratios: number[] = [];
    const subjectTimes: number[] = [];
    const floorTimes: number[] = [];
    for (let index = 0; index < rounds; index++) {
      let subject: number;
      let floor: number;
      if (index % 2 === 0) {
        subject = timePerCall(pair.subject, subjectIterations);
        floor = timePerCall(pair.floor, floorIterations);
      } else {
        floor = timePerCall(pair.floor, floorIterations);
        subject = timePerCall(pair.subject, subjectIterations);
      }
      subjectTimes.push(subject);
      floorTimes.push(floor);
      ratios.push(subject / floor);
    }
    const [low, high] = spread(ratios);
    figures.push({
      section: SECTION,
      id: pair.id,
      label: pair.label,
      value: round(median(ratios)),
      unit: 'x',
      spread: [round(low), round(high)],
      ...(pair.target !== undefined ? { target: pair.target } : {}),
      note: `floor: ${pair.floorName}`,
    });
    details[pair.id] = {
      subjectMicrosMedian: round(median(subjectTimes) * 1e6, 2),
      floorMicrosMedian: round(median(floorTimes) * 1e6, 2),
      subjectIterations,
      floorIterations,
    };
    options.progress(
      `in-process: ${pair.id} ${round(median(ratios), 2)}x (p10–p90 ${round(low, 2)}–${round(high, 2)})`,
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
  details.sink = sink;
  return { section: SECTION, title: 'In process (Node, ratios to a floor timed in the same rounds)', figures, details };
}
