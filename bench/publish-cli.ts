/**
 * Runs wirefeed's own command line (`node src/builder/cli.ts [publish] …`, what `npm run build` / `npm run publish`
 * run) with `--import bench/process-usage.ts`, and reads what it printed: each stage's time (the BuildReport's
 * `timings`, which the CLI prints as `wirefeed: <stage>: <s>s`), what it uploaded, its CPU and peak RSS.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildStage } from '../src/builder/run-build.ts';
import { benchPublishToken } from './topology.ts';

/** The line bench/process-usage.ts writes at the process's exit. */
const usageTag = 'wirefeed-bench-usage ';

const stages: readonly BuildStage[] = [
  'parse',
  'connect',
  'state',
  'render and upload',
  'pictures',
  'switch',
  'search index',
];

export interface CliRun {
  /** Spawn to exit. */
  readonly wallSeconds: number;
  /** CPU user + system of the process, every thread. */
  readonly cpuSeconds: number;
  readonly maxRssBytes: number;
  /** Seconds per stage, as the BuildReport timed them. */
  readonly stages: Readonly<Partial<Record<BuildStage, number>>>;
  readonly uploaded: { readonly objects: number; readonly bytes: number };
  /** The CLI's one-line summary (stdout). */
  readonly summary: string;
}

export interface CliOptions {
  readonly root: string;
  /** Arguments after `src/builder/cli.ts`, e.g. `['publish', '--url', origin, '--content', dir]`. */
  readonly args: readonly string[];
  /** Writes a V8 CPU profile of each thread here (`node --cpu-prof`). */
  readonly profileDir?: string;
  /** The profile's sampling interval (µs). @default 1000 */
  readonly intervalUs?: number;
}

/** One run of the CLI; rejects with its output when it fails. */
export function runCli(options: CliOptions): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(options.profileDir
        ? [
            '--cpu-prof',
            '--cpu-prof-dir',
            options.profileDir,
            '--cpu-prof-interval',
            String(options.intervalUs ?? 1000),
          ]
        : []),
      '--import',
      pathToFileURL(join(options.root, 'bench', 'process-usage.ts')).href,
      'src/builder/cli.ts',
      ...options.args,
    ],
    { cwd: options.root, env: { ...process.env, PUBLISH_TOKEN: benchPublishToken }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`wirefeed CLI ${options.args.join(' ')}: exit ${code ?? signal}\n${stderr.slice(-3000)}`));
        return;
      }
      resolve({ wallSeconds, ...readCliOutput(stdout, stderr) });
    });
  });
}

/** What the CLI printed, as figures: pure, so it is tested without running anything. */
export function readCliOutput(stdout: string, stderr: string): Omit<CliRun, 'wallSeconds'> {
  const usageLine = stderr.split('\n').find((line) => line.startsWith(usageTag));
  if (usageLine === undefined) throw new Error(`the CLI wrote no usage line:\n${stderr.slice(-3000)}`);
  const usage = JSON.parse(usageLine.slice(usageTag.length)) as {
    userSeconds: number;
    systemSeconds: number;
    maxRssBytes: number;
  };
  const timed: Partial<Record<BuildStage, number>> = {};
  for (const stage of stages) {
    const match = new RegExp(`^wirefeed: ${stage}: ([\\d.]+)s$`, 'm').exec(stderr);
    if (match?.[1]) timed[stage] = Number(match[1]);
  }
  const uploaded = /^wirefeed: uploaded (\d+) object\(s\), ([\d.]+) KiB/m.exec(stderr);
  return {
    cpuSeconds: usage.userSeconds + usage.systemSeconds,
    maxRssBytes: usage.maxRssBytes,
    stages: timed,
    uploaded: { objects: Number(uploaded?.[1] ?? 0), bytes: Math.round(Number(uploaded?.[2] ?? 0) * 1024) },
    summary: stdout.trim(),
  };
}
