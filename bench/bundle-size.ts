/** Bundle-size section: the Worker's own code, bundled by `wrangler deploy --dry-run` over an EMPTY content folder. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite, bundleWorker, wirefeedEntry, writeContent } from './site-bundle.ts';
import { round } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';

const SECTION = 'bundle-size';

export function sizes(file: string): { rawKiB: number; gzipKiB: number } {
  const bytes = readFileSync(file);
  return { rawKiB: round(bytes.length / 1024, 2), gzipKiB: round(gzipSync(bytes, { level: 9 }).length / 1024, 2) };
}

export async function runBundleSize(options: BenchOptions): Promise<SectionResult> {
  const dir = join(options.tmp, 'bundle-size');
  const contentDir = join(dir, 'content');
  options.progress('bundle-size: building an empty site (site.yaml, no articles) and bundling src/index.ts over it');
  writeContent(options.root, contentDir, []);
  const site = await buildSite(options.root, contentDir, join(dir, 'site'), 'https://news.example.com');
  const bundle = await bundleWorker(
    options.root,
    join(dir, 'worker'),
    'wirefeed-empty',
    wirefeedEntry(options.root, site.manifestFile),
  );
  const worker = sizes(bundle);
  const emptyManifest = sizes(site.manifestFile);
  const figures: Figure[] = [
    {
      section: SECTION,
      id: 'worker.gzip',
      label: "the Worker's own code (empty content), gzip",
      value: worker.gzipKiB,
      unit: 'KiB',
      target: 100,
      note: `wrangler deploy --dry-run bundle, gzip -9; raw ${worker.rawKiB} KiB`,
    },
    {
      section: SECTION,
      id: 'worker.raw',
      label: "the Worker's own code (empty content), raw",
      value: worker.rawKiB,
      unit: 'KiB',
      note: 'informational',
    },
  ];
  options.progress(`bundle-size: ${worker.rawKiB} KiB raw, ${worker.gzipKiB} KiB gzip (target ≤ 100 KiB gzip)`);
  return {
    section: SECTION,
    title: 'Bundle size (wrangler deploy --dry-run, empty content)',
    figures,
    details: { worker, emptyManifestModule: emptyManifest },
  };
}
