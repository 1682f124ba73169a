/**
 * 1,000,000 articles (`--only million`, run once; `--million-size N` for another size): the publish-at-scale
 * measurement (publish-point.ts) at that size, without the folder build. Targets: clean publish ≤ 15 min and ≤ 2 GiB,
 * +1 ≤ 3 s. Before it starts, the disk and memory it would need are estimated; what stands in the way (too little
 * disk, a failed or killed publish) is the section's result, with the CLI's last lines.
 */
import { statfsSync } from 'node:fs';
import { join } from 'node:path';
import { wirefeedBundle } from './bundle.ts';
import { memoryAvailableBytes } from './proc.ts';
import { publishFigures } from './publish-figures.ts';
import { measurePublishPoint } from './publish-point.ts';
import type { BenchOptions, SectionResult } from './types.ts';

const SECTION = 'million';
const GiB = 1024 ** 3;

/**
 * Bytes a generated article takes on disk at once (measured at 100,000): ~7 KB of wire copy and sidecar, ~17 KB in
 * R2, ~13 KB of parse cache, with SQLite and file-system overhead on top.
 */
const diskPerArticle = 50_000;

export async function runMillion(options: BenchOptions): Promise<SectionResult> {
  const articles = options.millionArticles;
  const size = articles.toLocaleString('en-US');
  const { bavail, bsize } = statfsSync(options.tmp);
  const free = bavail * bsize;
  const needed = articles * diskPerArticle;
  const situation = `${(free / GiB).toFixed(0)} GiB of disk free (~${(needed / GiB).toFixed(0)} GiB needed), ${(memoryAvailableBytes() / GiB).toFixed(0)} GiB of memory available`;
  options.progress(`million: ${size} articles; ${situation}`);
  if (needed > 0.9 * free)
    return {
      section: SECTION,
      title: `${size} articles: not run, too little disk (${situation})`,
      figures: [],
      details: { situation },
    };
  const bundle = await wirefeedBundle(options.root, join(options.tmp, 'million-wirefeed'));
  try {
    const point = await measurePublishPoint(options, { articles, bundle, folder: false, profile: options.profile });
    return {
      section: SECTION,
      title: `${size} articles, published through the Worker in Miniflare (${situation})`,
      figures: publishFigures(SECTION, point, { cleanSeconds: 900, peakMiB: 2048, changeSeconds: 3 }),
      details: { situation, point },
    };
  } catch (error) {
    // What stands in the way is the finding: the error and the CLI's last lines (its stages and progress).
    const reason = error instanceof Error ? error.message : String(error);
    options.progress(`million: stopped: ${reason.split('\n')[0]}`);
    return {
      section: SECTION,
      title: `${size} articles: stopped (${reason.split('\n')[0]})`,
      figures: [],
      details: { situation, reason },
    };
  }
}
