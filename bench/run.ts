/**
 * `npm run bench [-- --quick] [-- --scale] [-- --only <section>] [-- --scale-sizes 1000,10000]`: runs the sections,
 * prints the table, writes bench-results.json and bench-results.svg (and bench-results-scale.svg when the scale
 * section ran, bench-results-build-scale.svg when the incremental one did) at the repository root. Progress goes to stderr, one line per step.
 * A new section is one file exporting `run…(options): Promise<SectionResult>`, added to `sections` below.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type HugoScalePoint, type IncrementalPoint, renderBuildScaleSvg } from './build-scale-svg.ts';
import { runBundleSize } from './bundle-size.ts';
import { runDevLoop } from './dev-loop.ts';
import { runEndToEnd } from './end-to-end.ts';
import { runHugo } from './hugo.ts';
import { runInProcess } from './in-process.ts';
import { runIncremental } from './incremental.ts';
import { runMedia } from './media.ts';
import { renderTable } from './report.ts';
import { runScale, type ScalePoint } from './scale.ts';
import { renderScaleSvg } from './scale-svg.ts';
import { runSectionsScale } from './sections-scale.ts';
import { renderSvg } from './svg.ts';
import type { BenchOptions, SectionResult } from './types.ts';
import { workerdVersion } from './workerd.ts';

interface Section {
  readonly id: string;
  readonly run: (options: BenchOptions) => Promise<SectionResult>;
  /** Runs without `--only`: always, or only with `--scale` (opt-in: it takes longer than 5 minutes). */
  readonly by: 'default' | 'scale' | 'media';
}

const sections: readonly Section[] = [
  { id: 'bundle-size', run: runBundleSize, by: 'default' },
  { id: 'in-process', run: runInProcess, by: 'default' },
  { id: 'end-to-end', run: runEndToEnd, by: 'default' },
  { id: 'scale', run: runScale, by: 'scale' },
  { id: 'sections', run: runSectionsScale, by: 'scale' },
  { id: 'incremental', run: runIncremental, by: 'scale' },
  { id: 'dev-loop', run: runDevLoop, by: 'scale' },
  { id: 'hugo', run: runHugo, by: 'scale' },
  { id: 'media', run: runMedia, by: 'media' },
];

/** The archive sizes of issue 7: Free plan territory up to 10,000 articles, Paid at 100,000. */
const SCALE_SIZES = [1_000, 10_000, 100_000];

function gitCommit(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      scale: { type: 'boolean', default: false },
      media: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      'scale-sizes': { type: 'string' },
    },
  });
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const started = performance.now();
  const progress = (message: string): void => {
    process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);
  };
  const selected = sections.filter((section) =>
    values.only === undefined
      ? section.by === 'default' || (section.by === 'scale' && values.scale) || (section.by === 'media' && values.media)
      : values.only.includes(section.id),
  );
  const scaleSizes = values['scale-sizes']?.split(',').map(Number) ?? SCALE_SIZES;
  if (scaleSizes.length < 2 || scaleSizes.some((size) => !Number.isInteger(size) || size < 1)) {
    console.error('--scale-sizes: at least two whole numbers, e.g. 1000,10000');
    return 2;
  }
  if (selected.length === 0) {
    console.error(`unknown section; choose from: ${sections.map((section) => section.id).join(', ')}`);
    return 2;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'wirefeed-bench-'));
  const options: BenchOptions = { quick: values.quick, root, tmp, progress, scaleSizes };
  const meta = {
    mode: `${values.quick ? 'quick' : 'full'}${values.only ? ` --only ${values.only.join(' ')}` : ''}${values.scale ? ' --scale' : ''}`,
    startedAt: new Date().toISOString(),
    commit: gitCommit(root),
    node: process.version,
    workerd: workerdVersion(root),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
    note: 'Ratios only: every figure is a median over interleaved rounds against a floor measured in the same run.',
  };
  progress(`${meta.mode} run, ${meta.cpus} CPUs, load ${meta.loadAverageAtStart.join(' ')}; scratch ${tmp}`);
  const results: SectionResult[] = [];
  const timings: Record<string, number> = {};
  try {
    for (const section of selected) {
      progress(`section ${section.id}`);
      const sectionStarted = performance.now();
      results.push(await section.run(options));
      timings[section.id] = Number(((performance.now() - sectionStarted) / 1000).toFixed(1));
      progress(`section ${section.id} done in ${timings[section.id]}s`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const sectionSeconds = Object.fromEntries(results.map((result) => [result.section, timings[result.section]]));
  const json = {
    meta: { ...meta, seconds, sectionSeconds },
    figures: results.flatMap((result) => result.figures),
    sections: Object.fromEntries(
      results.map((result) => [result.section, { title: result.title, details: result.details }]),
    ),
  };
  writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(
    join(root, 'bench-results.svg'),
    renderSvg(results, `${meta.mode} run, ${meta.startedAt}, ${meta.cpus} CPUs, ${seconds}s`),
  );
  const scale = results.find((result) => result.section === 'scale');
  const written = ['bench-results.json', 'bench-results.svg'];
  if (scale !== undefined) {
    const { points } = scale.details as { points: ScalePoint[] };
    writeFileSync(
      join(root, 'bench-results-scale.svg'),
      renderScaleSvg(points, `${meta.mode} run, ${meta.startedAt}, ${meta.cpus} CPUs, scale section ${timings.scale}s`),
    );
    written.push('bench-results-scale.svg');
  }
  const incremental = results.find((result) => result.section === 'incremental');
  if (incremental !== undefined) {
    const hugo = results.find((result) => result.section === 'hugo')?.details as
      | { points: HugoScalePoint[] }
      | undefined;
    writeFileSync(
      join(root, 'bench-results-build-scale.svg'),
      renderBuildScaleSvg(
        incremental.details as IncrementalPoint[],
        hugo?.points ?? [],
        `${meta.mode} run, ${meta.startedAt}, ${meta.cpus} CPUs, load at start ${meta.loadAverageAtStart.join(' ')}`,
      ),
    );
    written.push('bench-results-build-scale.svg');
  }
  console.log(renderTable(results));
  progress(
    `done in ${seconds}s (${Object.entries(timings)
      .map(([id, s]) => `${id} ${s}s`)
      .join(', ')}): ${written.join(', ')}`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
