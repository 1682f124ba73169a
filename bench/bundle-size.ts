/** Bundle-size section: the Worker as `wrangler deploy --dry-run` bundles it (code only: content lives in R2), raw and gzip. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { wirefeedBundle } from './bundle.ts';
import { round } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';

const SECTION = 'bundle-size';

export async function runBundleSize(options: BenchOptions): Promise<SectionResult> {
  options.progress('bundle-size: wrangler deploy --dry-run of src/index.ts');
  const bundle = await wirefeedBundle(options.root, join(options.tmp, 'bundle-size'));
  const bytes = readFileSync(bundle);
  const rawKiB = round(bytes.length / 1024, 2);
  const gzipKiB = round(gzipSync(bytes, { level: 9 }).length / 1024, 2);
  const figures: Figure[] = [
    {
      section: SECTION,
      id: 'worker.gzip',
      label: "the Worker's code, gzip",
      value: gzipKiB,
      unit: 'KiB',
      target: 100,
      note: `wrangler deploy --dry-run bundle, gzip -9; raw ${rawKiB} KiB`,
    },
  ];
  options.progress(`bundle-size: ${rawKiB} KiB raw, ${gzipKiB} KiB gzip (target ≤ 100 KiB gzip)`);
  return { section: SECTION, title: 'Bundle size (wrangler deploy --dry-run)', figures, details: { rawKiB, gzipKiB } };
}
