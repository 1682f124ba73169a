/**
 * `npm run bench [-- --quick] [-- --scale] [-- --only <section>]…`: runs the sections, prints the table, writes
 * bench-results.json and bench-results.svg at the repository root (and bench-results-build-scale.svg when a publish
 * section ran). Progress goes to stderr, one line per step.
 * A new section is one file exporting `run…(options): Promise<SectionResult>`, added to `sections` below.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildScaleSvg } from './build-scale-svg.ts';
import { runBundleSize } from './bundle-size.ts';
import { runDevLoop } from './dev-loop.ts';
import { runEndToEnd } from './end-to-end.ts';
import { runHugo } from './hugo.ts';
import { runMillion } from './million.ts';
import { renderTable } from './report.ts';
import { runScale } from './scale.ts';
import { renderSvg } from './svg.ts';
import { workerdVersion } from './topology.ts';
import type { BenchOptions, SectionResult } from './types.ts';

interface Section {
  readonly id: string;
  readonly run: (options: BenchOptions) => Promise<SectionResult>;
  /** Runs without `--only`: always, with `--scale` (it takes far longer than 5 minutes), or only when named. */
  readonly by: 'default' | 'scale' | 'named';
}

const sections: readonly Section[] = [
  { id: 'bundle-size', run: runBundleSize, by: 'default' },
  { id: 'end-to-end', run: runEndToEnd, by: 'default' },
  { id: 'scale', run: runScale, by: 'scale' },
  { id: 'dev-loop', run: runDevLoop, by: 'scale' },
  { id: 'hugo', run: runHugo, by: 'scale' },
  { id: 'million', run: runMillion, by: 'named' },
];

/** Sizes of issue 23: 1,000 and 10,000 articles, and 100,000 (the figure of the README). */
const SCALE_SIZES = [1_000, 10_000, 100_000];

/** `1000,10000` as whole numbers from 1; undefined when malformed. */
function sizesOf(text: string): number[] | undefined {
  const sizes = text.split(',').map(Number);
  return sizes.every((size) => Number.isInteger(size) && size >= 1) ? sizes : undefined;
}

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
      only: { type: 'string', multiple: true },
      'scale-sizes': { type: 'string' },
      'dev-sizes': { type: 'string' },
      'e2e-articles': { type: 'string' },
      scenario: { type: 'string', multiple: true },
      profile: { type: 'boolean', default: false },
      'million-size': { type: 'string', default: '1000000' },
    },
  });
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const started = performance.now();
  const progress = (message: string): void => {
    process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);
  };
  const selected = sections.filter((section) =>
    values.only === undefined
      ? section.by === 'default' || (section.by === 'scale' && values.scale)
      : values.only.includes(section.id),
  );
  if (selected.length === 0) {
    console.error(`unknown section; choose from: ${sections.map((section) => section.id).join(', ')}`);
    return 2;
  }
  const scaleSizes = sizesOf(values['scale-sizes'] ?? SCALE_SIZES.join(','));
  const devSizes = sizesOf(values['dev-sizes'] ?? (values.quick ? '1000' : '10000,100000'));
  const [e2eArticles] = sizesOf(values['e2e-articles'] ?? '1000') ?? [];
  const [millionArticles] = sizesOf(values['million-size']) ?? [];
  if (!scaleSizes || !devSizes || e2eArticles === undefined || millionArticles === undefined) {
    console.error('--scale-sizes, --dev-sizes: whole numbers separated by commas; --e2e-articles, --million-size: one');
    return 2;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'wirefeed-bench-'));
  const options: BenchOptions = {
    quick: values.quick,
    root,
    tmp,
    progress,
    scaleSizes,
    devSizes,
    e2eArticles,
    millionArticles,
    profile: values.profile,
    ...(values.scenario ? { scenarios: values.scenario } : {}),
  };
  const meta = {
    mode: `${values.quick ? 'quick' : 'full'}${values.only ? ` --only ${values.only.join(' ')}` : ''}${values.scale ? ' --scale' : ''}`,
    startedAt: new Date().toISOString(),
    commit: gitCommit(root),
    node: process.version,
    workerd: workerdVersion(root),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
    note: 'Verdicts are ratios to floors measured in the same run (medians over interleaved rounds) or absolute figures next to a target.',
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
  const json = {
    meta: { ...meta, seconds, sectionSeconds: timings },
    figures: results.flatMap((result) => result.figures),
    sections: Object.fromEntries(
      results.map((result) => [result.section, { title: result.title, details: result.details }]),
    ),
  };
  const subtitle = `${meta.mode} run, ${meta.startedAt}, ${meta.cpus} CPUs, load at start ${meta.loadAverageAtStart.join(' ')}`;
  const written: Record<string, string> = {
    'bench-results.json': `${JSON.stringify(json, null, 2)}\n`,
    'bench-results.svg': renderSvg(results, `${subtitle}, ${seconds}s`),
  };
  const buildScale = buildScaleSvg(results, subtitle);
  if (buildScale !== undefined) written['bench-results-build-scale.svg'] = buildScale;
  for (const [file, text] of Object.entries(written)) writeFileSync(join(root, file), text);
  console.log(renderTable(results));
  progress(
    `done in ${seconds}s (${Object.entries(timings)
      .map(([id, s]) => `${id} ${s}s`)
      .join(', ')}): ${Object.keys(written).join(', ')}`,
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
