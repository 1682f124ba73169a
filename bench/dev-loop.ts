/**
 * Dev-loop section (`--only dev-loop`, and with `--scale`): `npm run dev` (scripts/dev.ts: wrangler dev with local R2
 * and D1, and the watching publisher) in a copy of the project, over the generated corpus at each size (10,000 and
 * 100,000 by default). Once the first publish is served, rounds of: save an edited article → its new bytes served,
 * and save a new article → its page served, each polled every 10 ms. wrangler's output after the first publish must
 * show no Worker reload: content is data, published to R2, never bundled.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { addArticle, editArticle, keptCorpus, type WrittenArticle } from './generate-corpus.ts';
import { freePort } from './proc.ts';
import { whenServed } from './served.ts';
import { median, round, spread } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';

const SECTION = 'dev-loop';
/** What wrangler prints when it rebuilds or reloads the Worker (test/e2e/dev-server.test.ts looks for the same). */
const reloadPattern = /Reloading|Updated and ready|Building/gi;

interface DevPoint {
  readonly articles: number;
  readonly firstServedSeconds: number;
  readonly editsMs: number[];
  readonly additionsMs: number[];
  readonly reloads: number;
  /** The publisher's lines during the saves: its stages and their times. */
  readonly publisher: string[];
}

/** The project's code and config under `dir`; node_modules linked, not copied. Content stays where it is. */
function copyProject(root: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const path of ['src', 'scripts', 'migrations', 'wrangler.toml', 'package.json', 'tsconfig.json'])
    cpSync(join(root, path), join(dir, path), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
}

function startDev(project: string, corpus: string, port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    [
      'scripts/dev.ts',
      ...['--port', String(port), '--ip', '127.0.0.1'],
      ...['--content', corpus, '--cache', join(project, 'cache'), '--persist-to', join(project, 'state')],
    ],
    { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, CI: '1' } },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

function stopDev(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM'); // its process group: dev.ts, the publisher and wrangler
  } catch {
    child.kill('SIGTERM');
  }
}

async function measureSize(options: BenchOptions, articles: number): Promise<DevPoint> {
  const size = articles.toLocaleString('en-US');
  const corpus = await keptCorpus(options.root, articles, (line) => options.progress(`dev-loop: ${line}`));
  const project = join(options.tmp, `dev-loop-${articles}`);
  copyProject(options.root, project);
  const origin = `http://127.0.0.1:${await freePort()}`;
  const started = performance.now();
  const dev = startDev(project, corpus, Number(new URL(origin).port));
  const alive = () => {
    if (dev.child.exitCode !== null) throw new Error(`npm run dev exited:\n${dev.output().slice(-3000)}`);
  };
  const served = async (written: WrittenArticle): Promise<number> => {
    const saved = performance.now();
    return (
      (await whenServed({
        origin,
        paths: [written.paths[0] as string],
        marker: written.marker,
        timeoutMs: 120_000,
        alive,
      })) - saved
    );
  };
  try {
    options.progress(`dev-loop: ${size}: npm run dev, first publish`);
    await whenServed({
      origin,
      paths: ['/articles/story-000001'],
      marker: 'story-000001',
      timeoutMs: 1_800_000,
      everyMs: 250,
      alive,
    });
    const firstServedSeconds = (performance.now() - started) / 1000;
    // The first publish goes on after it is served (the search index of every article): saves start once it ended.
    while (!dev.output().includes('wirefeed: published')) {
      alive();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const quiet = dev.output().length;
    const editsMs: number[] = [];
    const additionsMs: number[] = [];
    options.progress(
      `dev-loop: ${size}: first publish served after ${firstServedSeconds.toFixed(0)} s, ended after ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    for (let save = 0; save < (options.quick ? 3 : 5); save++) {
      editsMs.push(
        await served(editArticle(corpus, `Desk note ${save} ${Date.now()}: a paragraph added after publication.`)),
      );
      // Lets the last publish finish before the next save.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      additionsMs.push(await served(addArticle(corpus, articles + save)));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      options.progress(
        `dev-loop: ${size}: save ${save + 1}: edit ${editsMs.at(-1)?.toFixed(0)} ms, new article ${additionsMs.at(-1)?.toFixed(0)} ms`,
      );
    }
    const during = dev.output().slice(quiet);
    const reloads = during.match(reloadPattern)?.length ?? 0;
    // The publisher's own lines during the saves (its stages and their times), for where a save's time goes.
    const publisher = during.split('\n').filter((line) => line.startsWith('wirefeed:'));
    return { articles, firstServedSeconds, editsMs, additionsMs, reloads, publisher };
  } finally {
    stopDev(dev.child);
    await keptCorpus(options.root, articles, () => {});
  }
}

export async function runDevLoop(options: BenchOptions): Promise<SectionResult> {
  const points: DevPoint[] = [];
  for (const articles of options.devSizes) points.push(await measureSize(options, articles));
  const figures = points.flatMap((point): Figure[] => {
    const size = point.articles.toLocaleString('en-US');
    const timing = (id: string, label: string, samples: number[]): Figure => ({
      section: SECTION,
      id: `${point.articles}.${id}`,
      label: `${label}, ${size} articles`,
      value: round(median(samples), 0),
      unit: 'ms',
      spread: spread(samples).map((value) => round(value, 0)) as [number, number],
      target: 1000,
      note: `${samples.length} saves, write → first response with the new bytes`,
    });
    return [
      timing('edit', 'dev: edited article, save → its new bytes served', point.editsMs),
      timing('add', 'dev: new article, save → its page served', point.additionsMs),
      {
        section: SECTION,
        id: `${point.articles}.reloads`,
        label: `dev: Worker reloads during the saves, ${size} articles`,
        value: point.reloads,
        unit: 'count',
        target: 0,
        note: `wrangler's output after the first publish (${point.firstServedSeconds.toFixed(0)} s after start)`,
      },
    ];
  });
  return {
    section: SECTION,
    title: 'npm run dev over the generated corpus: save → new bytes served, no Worker reload',
    figures,
    details: { points },
  };
}
