/**
 * Dev-loop section (issue 16): `npm run dev` over 10,000 generated articles, then a save → the new bytes served
 * by `wrangler dev`, measured end to end (write the file, poll the article's URL until the new text is there),
 * for edits of an existing article and for new articles. Runs with `--scale`, in a copy of the project under the
 * bench's scratch folder, so the repository's build/ and src/generated/ are never touched.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateArticle, generatedTags } from '../scripts/generate-articles.ts';
import { median, round, spread } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';

const SECTION = 'dev-loop';
const run = promisify(execFile);
const ARTICLES = 10_000;
const [TAGS, SOURCES] = [50, 200];
/** Saves of each kind; the figure is their median. */
const SAVES = 5;

export async function runDevLoop(options: BenchOptions): Promise<SectionResult> {
  const project = join(options.tmp, 'dev-loop');
  copyProject(options.root, project);
  options.progress(`dev-loop: generating ${ARTICLES.toLocaleString('en-US')} articles`);
  await run(
    process.execPath,
    [
      'scripts/generate-articles.ts',
      ...['--count', String(ARTICLES), '--out', join(project, 'content')],
      ...['--sources', String(SOURCES), '--tags', String(TAGS)],
    ],
    { cwd: options.root, maxBuffer: 16 * 1024 * 1024 },
  );
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const dev = spawn(process.execPath, ['scripts/dev.ts', '--port', String(port), '--ip', '127.0.0.1'], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    env: { ...process.env, CI: '1' },
  });
  let log = '';
  dev.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  try {
    options.progress('dev-loop: first build and wrangler dev start');
    await waitFor(
      origin,
      '/articles/story-000001',
      (text) => text.length > 0,
      600_000,
      dev,
      () => log,
    );
    const startSeconds = (performance.now() - started) / 1000;
    const edits: number[] = [];
    const additions: number[] = [];
    for (let save = 0; save < SAVES; save++) {
      // An existing article, its wire copy rewritten with a marker line (a desk's correction).
      const marker = `Desk note ${save} ${Date.now()}`;
      // generateArticle(i) is story-(i + 1): this is story-000002.txt.
      const { name, text } = generateArticle(1, { sources: SOURCES });
      const edited = performance.now();
      writeFileSync(join(project, 'content', 'articles', name), `${text}\n${marker}\n`);
      await waitFor(
        origin,
        '/articles/story-000002',
        (body) => body.includes(marker),
        60_000,
        dev,
        () => log,
      );
      edits.push(performance.now() - edited);
      options.progress(`dev-loop: edit ${save + 1}: ${round(edits.at(-1) ?? 0, 0)} ms`);
      await settle();
      // A new article (the newest, with its sidecar's tags): its page and every list it enters change.
      const index = ARTICLES + save;
      const fresh = generateArticle(index, { sources: SOURCES });
      const slug = fresh.name.replace(/\.txt$/, '');
      const sidecar = `tags: ${JSON.stringify(generatedTags(index, TAGS))}\n`;
      const added = performance.now();
      writeFileSync(join(project, 'content', 'articles', fresh.name.replace(/\.txt$/, '.yaml')), sidecar);
      writeFileSync(join(project, 'content', 'articles', fresh.name), fresh.text);
      await waitFor(
        origin,
        `/articles/${slug}`,
        (body) => body.length > 0,
        60_000,
        dev,
        () => log,
      );
      additions.push(performance.now() - added);
      options.progress(`dev-loop: new article ${save + 1}: ${round(additions.at(-1) ?? 0, 0)} ms`);
      await settle();
    }
    const figure = (id: string, label: string, samples: number[]): Figure => ({
      section: SECTION,
      id,
      label,
      value: round(median(samples), 0),
      unit: 'ms',
      spread: spread(samples).map((value) => round(value, 0)) as [number, number],
      target: 1000,
      note: `${SAVES} saves, write → first response with the new bytes`,
    });
    return {
      section: SECTION,
      title: `npm run dev, ${ARTICLES.toLocaleString('en-US')} articles: save → new bytes served`,
      figures: [
        figure('edit', 'dev: edited article, save → its new bytes served', edits),
        figure('add', 'dev: new article, save → its page served', additions),
      ],
      details: { articles: ARTICLES, startSeconds, editsMs: edits, additionsMs: additions },
    };
  } finally {
    stop(dev);
  }
}

/** The project's sources and config under `dir` (content/ is generated there); node_modules is linked, not copied. */
function copyProject(root: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const path of ['src', 'scripts', 'wrangler.toml', 'package.json', 'package-lock.json', 'tsconfig.json'])
    cpSync(join(root, path), join(dir, path), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
}

/** Polls `path` every 5 ms until `ready(body)`; throws with dev's last output after `timeoutMs` or if dev ends. */
async function waitFor(
  origin: string,
  path: string,
  ready: (body: string) => boolean,
  timeoutMs: number,
  dev: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`npm run dev exited (${dev.exitCode}):\n${log()}`);
    try {
      // A port that is bound while workerd is not ready yet can hold a request: never wait long on one.
      const response = await fetch(`${origin}${path}`, { signal: AbortSignal.timeout(2000) });
      const body = await response.text();
      if (response.status === 200 && ready(body)) return;
    } catch {
      // Not listening yet, or reloading.
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`dev-loop: ${path} not served as expected within ${timeoutMs} ms:\n${log()}`);
}

/** Lets the build and wrangler's reload of the last save finish before the next one. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1500));
}

function stop(dev: ChildProcess): void {
  if (dev.pid === undefined || dev.exitCode !== null) return;
  try {
    process.kill(-dev.pid, 'SIGTERM'); // its process group: dev.ts, the builder and wrangler
  } catch {
    dev.kill('SIGTERM');
  }
}

/** A TCP port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
