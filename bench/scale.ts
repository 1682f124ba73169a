/**
 * Publish at scale (`--scale`, issue 23): for each size (1,000 / 10,000 / 100,000 by default) the generated corpus
 * (50 tags, 200 sources) published clean through the Worker, then +1 article and 1 edited article, each from the
 * CLI's start to served; and the clean build into the folder target. Targets at 100,000: clean ≤ 60 s, ≤ 1 GiB,
 * ≤ 4 GiB stored; at every size +1 ≤ 3 s and ≤ 512 KiB up, index ≤ 30 % of the clean publish and ≤ 200 ms for +1.
 */
import { join } from 'node:path';
import { wirefeedBundle } from './bundle.ts';
import { publishFigures } from './publish-figures.ts';
import { measurePublishPoint, type PublishPoint } from './publish-point.ts';
import { round } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';

const SECTION = 'scale';

export async function runScale(options: BenchOptions): Promise<SectionResult> {
  const bundle = await wirefeedBundle(options.root, join(options.tmp, 'scale-wirefeed'));
  const points: PublishPoint[] = [];
  for (const articles of options.scaleSizes)
    points.push(await measurePublishPoint(options, { articles, bundle, profile: options.profile }));
  const figures: Figure[] = points.flatMap((point) =>
    publishFigures(SECTION, point, {
      ...(point.articles >= 100_000 ? { cleanSeconds: 60, peakMiB: 1024, storedMiB: 4096 } : {}),
      changeSeconds: 3,
      addedUploadKiB: 512,
      indexSharePercent: 30,
      indexUpdateMs: 200,
    }),
  );
  const [smaller, larger] = points.slice(-2);
  if (smaller && larger)
    figures.push({
      section: SECTION,
      id: 'growth',
      label: `clean publish ${larger.articles.toLocaleString('en-US')} / ${smaller.articles.toLocaleString('en-US')}`,
      value: round(larger.clean.wallSeconds / smaller.clean.wallSeconds, 1),
      unit: 'x',
      note: `linear would be ${round(larger.articles / smaller.articles, 1)}x`,
    });
  return {
    section: SECTION,
    title: 'Publish at scale (wirefeed CLI → the Worker in Miniflare, local R2 and D1; 50 tags, 200 sources)',
    figures,
    details: { points },
  };
}
