/**
 * `npm run bench [-- --quick] [-- --only <section>]`: runs every section, prints the table, writes
 * bench-results.json and bench-results.svg at the repository root. Progress goes to stderr, one line per step.
 * A new section is one file exporting `run…(options): Promise<SectionResult>`, added to `sections` below.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBundleSize } from './bundle-size.ts';
import { runEndToEnd } from './end-to-end.ts';
import { runInProcess } from './in-process.ts';
import { renderTable } from './report.ts';
import { renderSvg } from './svg.ts';
import type { BenchOptions, SectionResult } from './types.ts';
import { workerdVersion } from './workerd.ts';

const sections: readonly { readonly id: string; readonly run: (options: BenchOptions) => Promise<SectionResult> }[] = [
  { id: 'bundle-size', run: runBundleSize },
  { id: 'in-process', run: runInProcess },
  { id: 'end-to-end', run: runEndToEnd },
];

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
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } },
  });
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const started = performance.now();
  const progress = (message: string): void => {
    process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);
  };
  const selected = sections.filter((section) => values.only === undefined || values.only.includes(section.id));
  if (selected.length === 0) {
    console.error(`unknown section; choose from: ${sections.map((section) => section.id).join(', ')}`);
    return 2;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'wirefeed-bench-'));
  const options: BenchOptions = { quick: values.quick, root, tmp, progress };
  const meta = {
    mode: values.quick ? 'quick' : 'full',
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
  try {
    for (const section of selected) {
      progress(`section ${section.id}`);
      results.push(await section.run(options));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const json = {
    meta: { ...meta, seconds },
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
  console.log(renderTable(results));
  progress(`done in ${seconds}s: bench-results.json, bench-results.svg`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
