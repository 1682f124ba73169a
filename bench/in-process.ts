/**
 * In-process section: parsing one wire-copy file, rendering a 20-item page of each format from scratch (build
 * time), assembling it from prebuilt fragments and from its stored chunk (request time), each timed against a
 * floor in the same run, in interleaved rounds (order alternating), as median ratios with spread.
 */

import { articlePackPath, listChunkPath, packOf } from '../src/archive/layout.ts';
import { buildInMemory } from '../src/builder/render/in-memory-site.ts';
import { defaultSite } from '../src/content/site-config.ts';
import { parseWireCopy } from '../src/content/wire-copy.ts';
import type { Article } from '../src/model/article.ts';
import { newestFirst } from '../src/model/article-order.ts';
import type { Site } from '../src/model/site.ts';
import { type FeedPage, paginate } from '../test/support/whole-documents.ts';
import { benchCorpus, SEED_FILE } from './corpus.ts';
import { median, round, spread } from './stats.ts';
import {
  articleFromStoredPack,
  checkSubjects,
  pageInfo,
  prebuildFragments,
  renderArticlePage,
  renderAtom,
  renderAtomDocument,
  renderIndexDocument,
  renderIndexPage,
  renderJsonFeed,
  renderJsonFeedDocument,
  renderRss,
  renderRssDocument,
  rssFromStoredChunk,
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

export async function pairs(
  root: string,
  site: Site = defaultSite,
): Promise<{ pairs: Pair[]; sizes: Record<string, number> }> {
  const corpus = benchCorpus(root, 20);
  const articles = corpus.map(({ file, text }) => articleOf(file, text, site));
  const [page] = paginate(newestFirst(articles), site.pageSize) as [FeedPage];
  if (page.articles.length !== 20 || page.pageCount !== 1) throw new Error('bench corpus: not one page of 20');
  const seed = articles[0] as Article;
  const seedText = (corpus[0] as { text: string }).text;
  const items = page.articles;
  const info = pageInfo(page);
  const fragments = prebuildFragments(site, items);
  // The stored files exactly as `npm run build` writes them: one list chunk holds the page, one pack the seed.
  const built = await buildInMemory(site, articles);
  const rssChunkText = built.files.get(listChunkPath('rss', 0));
  const packText = built.files.get(articlePackPath(packOf(seed.slug, built.manifest.packCount)));
  if (rssChunkText === undefined || packText === undefined)
    throw new Error('bench: the in-memory build has no chunk or pack');
  // As the Worker gets them from storage: bytes.
  const rssChunk = new TextEncoder().encode(rssChunkText);
  const pack = new TextEncoder().encode(packText);
  checkSubjects(site, page, fragments, { rssChunk, pack, seed });

  // Floor for a page: copying a prebuilt string of the same length into fresh UTF-8 bytes (every character is
  // read and written, nothing is shared; it is also what sending the prebuilt page costs at least).
  const encoder = new TextEncoder();
  const prebuiltArticlePage = renderArticlePage(site, seed);
  // A flat copy (not a rope of the renderer's joins), as a string read from storage would be.
  const prebuiltRssPage = Buffer.from(renderRss(site, page)).toString();
  const copy =
    (text: string): Work =>
    () =>
      encoder.encode(text);
  const stringifyItems: Work = () => JSON.stringify(items);
  const articleJson = JSON.stringify(seed);
  const itemsFloor = { floor: stringifyItems, floorName: 'JSON.stringify of the 20 Articles' };

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
      label: `${{ rss: 'RSS', atom: 'Atom', json: 'JSON Feed' }[format]} page, 20 items, from scratch (build time)`,
      subject: {
        rss: () => renderRss(site, page),
        atom: () => renderAtom(site, page),
        json: () => renderJsonFeed(site, page),
      }[format],
      ...itemsFloor,
      target: 1.5,
    })),
    {
      id: 'index.render',
      label: 'index page, 20 items, from scratch (build time)',
      subject: () => renderIndexPage(site, page),
      ...itemsFloor,
    },
    {
      id: 'article.render',
      label: "seed's article page, from scratch (build time)",
      subject: () => renderArticlePage(site, seed),
      floor: copy(prebuiltArticlePage),
      floorName: `copy of a prebuilt ${prebuiltArticlePage.length}-char string to UTF-8 bytes`,
      target: 1.5,
    },
    {
      id: 'rss.assemble',
      label: 'RSS page: renderRssDocument of 20 prebuilt <item>s',
      subject: () => renderRssDocument(site, info, fragments.rss),
      ...itemsFloor,
      target: 1.5,
    },
    {
      id: 'atom.assemble',
      label: 'Atom page: renderAtomDocument of 20 prebuilt <entry>s',
      subject: () => renderAtomDocument(site, info, fragments.atom),
      ...itemsFloor,
      target: 1.5,
    },
    {
      id: 'json.assemble',
      label: 'JSON Feed page: renderJsonFeedDocument of 20 prebuilt items',
      subject: () => renderJsonFeedDocument(site, info, fragments.json),
      ...itemsFloor,
      target: 1.5,
    },
    {
      id: 'index.assemble',
      label: 'index page: renderIndexDocument of 20 prebuilt <li>s',
      subject: () => renderIndexDocument(site, info, fragments.index),
      ...itemsFloor,
    },
    {
      id: 'rss.stored',
      label: `RSS page from its stored chunk's bytes to the bytes sent: decodeSelectedBytes + rssDocumentParts + encodeParts (${rssChunk.length} bytes)`,
      subject: () => rssFromStoredChunk(site, info, rssChunk),
      ...itemsFloor,
      target: 1.5,
    },
    {
      id: 'rss.stored.bytes',
      label: 'RSS page from its stored chunk, to the UTF-8 bytes sent, against a copy of the page',
      subject: () => rssFromStoredChunk(site, info, rssChunk),
      floor: copy(prebuiltRssPage),
      floorName: `copy of the prebuilt ${prebuiltRssPage.length}-char page to UTF-8 bytes`,
    },
    {
      id: 'article.stored',
      label: `seed's page from its stored pack: decodeSelectedBytes + find + copy out (${pack.length} bytes)`,
      subject: () => articleFromStoredPack(pack, seed.slug),
      floor: copy(prebuiltArticlePage),
      floorName: `copy of the ${prebuiltArticlePage.length}-char page to UTF-8 bytes`,
    },
  ];
  const sizes = {
    itemsJson: JSON.stringify(items).length,
    rss: renderRss(site, page).length,
    atom: renderAtom(site, page).length,
    json: renderJsonFeed(site, page).length,
    index: renderIndexPage(site, page).length,
    article: prebuiltArticlePage.length,
    rssChunk: rssChunkText.length,
    pack: packText.length,
  };
  return { pairs: list, sizes };
}

export async function runInProcess(options: BenchOptions): Promise<SectionResult> {
  const rounds = options.quick ? 15 : 41;
  const budgetMs = 20;
  const { pairs: list, sizes } = await pairs(options.root);
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
