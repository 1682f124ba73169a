/**
 * One archive size, published the way a newsroom publishes: the generated corpus through wirefeed's own CLI
 * (`publish --url`) to the real Worker bundle running in Miniflare with local R2 and D1, clean; then one new article
 * and one edited article, each timed from the CLI's start to the moment the Worker serves the change on every address
 * that must show it. Also, unless told not to, the same clean build into the folder target (`npm run build`), which
 * stores the same objects without HTTP.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type CpuProfile, type HotFunction, hotFunctions } from './cpu-profile.ts';
import { addArticle, addEmbargoedArticles, editArticle, keptCorpus, type WrittenArticle } from './generate-corpus.ts';
import { type CliRun, runCli } from './publish-cli.ts';
import { whenServed } from './served.ts';
import { applySearchMigrations, bucketUsage, startTopology } from './topology.ts';
import type { BenchOptions } from './types.ts';

const baseUrl = 'https://news.example.com';

/** Embargoed articles in the archive for the last +1 (a desk's usual handful, and then some). */
export const embargoesWaiting = 20;

/** With `--profile`: per thread of a CLI run, its time and the functions with the most self time. */
export type RunProfile = readonly { readonly thread: string; readonly totalMs: number; readonly top: HotFunction[] }[];

/** A publish of a change, from the CLI's start to the change served. */
export interface ChangePublish {
  readonly cli: CliRun;
  /** CLI start → every address shows the change. */
  readonly servedSeconds: number;
  readonly profile?: RunProfile;
}

export interface PublishPoint {
  readonly articles: number;
  readonly clean: CliRun;
  readonly cleanProfile?: RunProfile;
  /** What the archive holds after the clean publish (every R2 object: packs, pointer, pictures). */
  readonly stored: { readonly objects: number; readonly bytes: number };
  readonly added: ChangePublish;
  readonly edited: ChangePublish;
  /** One more article published with `embargoesWaiting` embargoed articles in the archive (each a release state). */
  readonly addedWithEmbargoes: ChangePublish;
  /** The clean build into a folder (no Worker, no search index), when measured. */
  readonly folder?: CliRun;
}

export interface PointOptions {
  readonly articles: number;
  /** The bundle of src/index.ts (wrangler deploy --dry-run). */
  readonly bundle: string;
  /** Also time the clean build into the folder target. @default true */
  readonly folder?: boolean;
  /** Profile the publishes (node --cpu-prof; every 10 ms for the clean one). @default false */
  readonly profile?: boolean;
}

export async function measurePublishPoint(bench: BenchOptions, point: PointOptions): Promise<PublishPoint> {
  const size = point.articles.toLocaleString('en-US');
  const say = (line: string) => bench.progress(`publish ${size}: ${line}`);
  const corpus = await keptCorpus(bench.root, point.articles, say);
  const dir = join(bench.tmp, `publish-${point.articles}`);
  mkdirSync(dir, { recursive: true });
  const topology = await startTopology({
    root: bench.root,
    persistDir: join(dir, 'state'),
    workers: [{ name: 'wirefeed', bundle: point.bundle, wirefeed: true, archive: 'scale', search: 'scale' }],
  });
  const origin = topology.origins.wirefeed as string;
  const publishArgs = [
    'publish',
    '--url',
    origin,
    '--base-url',
    baseUrl,
    '--content',
    corpus,
    '--cache',
    join(dir, 'cache'),
  ];
  try {
    await applySearchMigrations(bench.root, topology, 'wirefeed');
    /** One CLI run, profiled into dir/profile-<name> when asked. */
    const publish = async (name: string, intervalUs: number) => {
      const profileDir = point.profile ? join(dir, `profile-${name}`) : undefined;
      const cli = await runCli({
        root: bench.root,
        args: publishArgs,
        ...(profileDir ? { profileDir, intervalUs } : {}),
      });
      if (profileDir === undefined) return { cli };
      const profile = profilesIn(profileDir);
      const hottest = profile[0]?.top.slice(0, 5).map((hot) => `${hot.function} ${hot.ms} ms`);
      say(`${name}: hottest on the busiest thread: ${hottest?.join('; ')}`);
      return { cli, profile };
    };
    say('clean publish through the Worker');
    const { cli: clean, profile: cleanProfile } = await publish('clean', 10_000);
    say(`clean publish ${clean.wallSeconds.toFixed(1)} s, peak RSS ${(clean.maxRssBytes / 2 ** 20).toFixed(0)} MiB`);
    const stored = await bucketUsage(topology, 'wirefeed');
    const change = async (written: WrittenArticle, name: string): Promise<ChangePublish> => {
      const started = performance.now();
      let failed: unknown;
      const running = publish(name, 1000);
      running.catch((error: unknown) => {
        failed = error;
      });
      const served = await whenServed({
        origin,
        paths: written.paths,
        marker: written.marker,
        timeoutMs: 600_000,
        alive: () => {
          if (failed) throw failed;
        },
      });
      return { ...(await running), servedSeconds: (served - started) / 1000 };
    };
    const added = await change(addArticle(corpus, point.articles), 'added');
    say(`+1 article served ${added.servedSeconds.toFixed(2)} s after the CLI started`);
    const edited = await change(
      editArticle(corpus, `Desk note ${Date.now()}: a paragraph added after publication.`),
      'edited',
    );
    say(`1 edited article served ${edited.servedSeconds.toFixed(2)} s after the CLI started`);
    // Embargoes waiting: each is a release state the publish works out (list-views.ts); they go in with one publish.
    addEmbargoedArticles(corpus, point.articles + 1000, embargoesWaiting);
    await publish('embargoes', 1000);
    const addedWithEmbargoes = await change(addArticle(corpus, point.articles + 1), 'added, embargoes waiting');
    say(
      `+1 article with ${embargoesWaiting} embargoes waiting served ${addedWithEmbargoes.servedSeconds.toFixed(2)} s after the CLI started`,
    );
    return {
      articles: point.articles,
      clean,
      ...(cleanProfile ? { cleanProfile } : {}),
      stored,
      added,
      edited,
      addedWithEmbargoes,
      ...(await folderBuild(bench, point, corpus, dir)),
    };
  } finally {
    await topology.stop();
    rmSync(dir, { recursive: true, force: true });
    await keptCorpus(bench.root, point.articles, say);
  }
}

/** The clean build into the folder target, from a fresh cache, the corpus as generated. */
async function folderBuild(
  bench: BenchOptions,
  point: PointOptions,
  corpus: string,
  dir: string,
): Promise<{ folder?: CliRun }> {
  if (point.folder === false) return {};
  await keptCorpus(bench.root, point.articles, () => {});
  const folder = await runCli({
    root: bench.root,
    args: [
      '--content',
      corpus,
      '--base-url',
      baseUrl,
      '--archive',
      join(dir, 'folder'),
      '--cache',
      join(dir, 'folder-cache'),
    ],
  });
  bench.progress(
    `publish ${point.articles.toLocaleString('en-US')}: clean build into a folder ${folder.wallSeconds.toFixed(1)} s`,
  );
  rmSync(join(dir, 'folder'), { recursive: true, force: true });
  return { folder };
}

/** Each thread's profile of a run, the main thread first (Node names files CPU.<date>.<pid>.<thread>.<seq>.cpuprofile). */
function profilesIn(dir: string): NonNullable<ChangePublish['profile']> {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => ({
      thread: `thread ${file.split('.').at(-3) ?? '?'}`,
      ...hotFunctions(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile),
    }))
    .sort((a, b) => b.totalMs - a.totalMs);
}
