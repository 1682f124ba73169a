/**
 * Scale section (issue 7): the same Worker over archives of 1,000, 10,000 and 100,000 generated articles.
 * For each size: build time (wall, CPU), stored files and bytes, bundle raw and gzip, start-up over an empty
 * Worker, V8 heap at the first response, and cold CPU per request (every request reads storage). What must
 * stay flat is compared to the smallest archive in the same run (interleaved rounds); every absolute figure is
 * printed next to the Cloudflare limit it must respect (Free plan up to 10,000 articles, Paid above).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sizes } from './bundle-size.ts';
import { heapUsage } from './inspector.ts';
import { type LoadResult, load } from './load.ts';
import { boundWorker, probeAssets, startAssets, startCache, timeToFirstResponse } from './servers.ts';
import {
  type BuiltSite,
  buildSite,
  bundleWorker,
  compatibilityDate,
  emptyEntry,
  wirefeedEntry,
} from './site-bundle.ts';
import { median, round, spread } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';
import { clockTicksPerSecond, freePort, residentBytes, type Server, startWorkerd, type WorkerSpec } from './workerd.ts';

const SECTION = 'scale';
const run = promisify(execFile);
const MiB = 1024 * 1024;

/** Cloudflare Workers limits (developers.cloudflare.com/workers/platform/limits, static-assets/): Free and Paid. */
export const limits = {
  free: { gzipKiB: 3e6 / 1024, files: 20_000, fileMiB: 25, startupMs: 1000, memoryMiB: 128 },
  paid: { gzipKiB: 10e6 / 1024, files: 100_000, fileMiB: 25, startupMs: 1000, memoryMiB: 128 },
} as const;
const planFor = (articles: number) => (articles <= 10_000 ? 'free' : 'paid');

/** A generated archive of `count` articles, kept under build/bench-content/<count> between runs (the generator is deterministic). */
async function contentFor(options: BenchOptions, count: number): Promise<{ dir: string; generatedSeconds?: number }> {
  const dir = join(options.root, 'build', 'bench-content', String(count));
  const complete = join(dir, '.bench-complete');
  if (existsSync(complete)) return { dir };
  options.progress(`scale: generating ${count.toLocaleString('en-US')} articles into ${dir} (kept for later runs)`);
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  await run(process.execPath, ['scripts/generate-articles.ts', '--count', String(count), '--out', dir], {
    cwd: options.root,
    maxBuffer: 16 * MiB,
  });
  writeFileSync(complete, `${count}\n`);
  return { dir, generatedSeconds: round((performance.now() - started) / 1000, 1) };
}

interface Storage {
  readonly files: number;
  readonly bytes: number;
  readonly largestBytes: number;
  readonly largestFile: string;
}

function storageOf(dir: string): Storage {
  let files = 0;
  let bytes = 0;
  let largestBytes = 0;
  let largestFile = '';
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const size = statSync(path).size;
    files++;
    bytes += size;
    if (size > largestBytes) {
      largestBytes = size;
      largestFile = path.slice(dir.length + 1);
    }
  }
  return { files, bytes, largestBytes, largestFile };
}

/** What the scale chart draws, one point per archive size (absolute values, for the picture only). */
export interface ScalePoint {
  readonly articles: number;
  readonly buildSeconds: number;
  readonly buildCpuSeconds: number;
  readonly buildRssMiB: number;
  readonly storageMiB: number;
  readonly largestFileMiB: number;
  readonly files: number;
  readonly bundleGzipKiB: number;
  readonly startupMs: number;
  readonly heapMiB: number;
  /** Median cold CPU per request by route label. */
  readonly cpuMicros: Readonly<Record<string, number>>;
}

interface Archive {
  readonly articles: number;
  readonly built: BuiltSite;
  readonly storage: Storage;
  readonly bundle: string;
  readonly bundleKiB: { rawKiB: number; gzipKiB: number };
  readonly lastPage: number;
  readonly generatedSeconds?: number;
}

const ARTICLE_SLUG = 'story-000001';

export async function runScale(options: BenchOptions): Promise<SectionResult> {
  const counts = [...options.scaleSizes].sort((a, b) => a - b);
  if (counts.length < 2) throw new Error('scale: needs at least two archive sizes');
  const smallest = counts[0] as number;
  const largest = counts[counts.length - 1] as number;
  const dir = join(options.tmp, 'scale');
  mkdirSync(dir, { recursive: true });
  const date = compatibilityDate(options.root);
  const rounds = options.quick ? 3 : 5;
  const startupRounds = options.quick ? 7 : 15;
  const heapRounds = 3;
  const figures: Figure[] = [];

  // 1. Generate (cached), build, measure storage, bundle: one archive at a time, nothing else running.
  const archives: Archive[] = [];
  for (const articles of counts) {
    const content = await contentFor(options, articles);
    options.progress(`scale: building ${articles.toLocaleString('en-US')} articles`);
    const built = await buildSite(
      options.root,
      content.dir,
      join(dir, String(articles)),
      'https://news.example.com',
      // Node's default heap at every size (issue 16: bodies wait on disk, the heap holds metadata).
      undefined,
    );
    const storage = storageOf(built.assetsDir);
    const bundle = await bundleWorker(
      options.root,
      join(dir, `${articles}-worker`),
      `wirefeed-${articles}`,
      wirefeedEntry(options.root, built.manifestFile),
    );
    const bundleKiB = sizes(bundle);
    const lastPage = Math.max(1, Math.ceil(articles / 20));
    archives.push({
      articles,
      built,
      storage,
      bundle,
      bundleKiB,
      lastPage,
      ...(content.generatedSeconds !== undefined ? { generatedSeconds: content.generatedSeconds } : {}),
    });
    options.progress(
      `scale: ${articles.toLocaleString('en-US')} built in ${built.wallSeconds.toFixed(1)} s wall, ${built.cpuSeconds.toFixed(1)} s CPU, peak RSS ${(built.maxRssBytes / MiB).toFixed(0)} MiB; ${storage.files} files, ${(storage.bytes / MiB).toFixed(0)} MiB; bundle ${bundleKiB.gzipKiB} KiB gzip`,
    );
  }

  // 2. Servers: one edge cache that always misses, one ASSETS process per archive, one cold wirefeed per archive.
  const ports = async (count: number): Promise<number[]> => Promise.all(Array.from({ length: count }, freePort));
  const [memoryPort, missPort, probePort] = (await ports(3)) as [number, number, number];
  const started: Server[] = [];
  const emptyModule = join(dir, 'empty.js');
  writeFileSync(emptyModule, emptyEntry);
  try {
    const cache = await startCache(options.root, dir, date, [memoryPort, missPort]);
    started.push(cache);
    const assets: Record<number, string> = {};
    for (const archive of archives) {
      const server = await startAssets(
        options.root,
        dir,
        `assets-${archive.articles}`,
        date,
        archive.built.assetsDir,
        (await ports(1))[0] as number,
      );
      started.push(server);
      assets[archive.articles] = server.address;
    }
    await probeAssets(options.root, dir, date, assets[largest] as string, probePort, 'articles/0.json');

    const specFor = (subject: number | 'empty', port: number): WorkerSpec =>
      boundWorker(
        subject === 'empty' ? 'empty' : `wirefeed${subject}`,
        subject === 'empty' ? emptyModule : (archives.find((a) => a.articles === subject)?.bundle as string),
        date,
        port,
        cache.miss,
        assets[subject === 'empty' ? smallest : subject] as string,
        // Cold: no isolate memory either, so every request reads storage.
        { MEMORY_CACHE_BYTES: '0' },
      );
    const subjects: (number | 'empty')[] = ['empty', ...counts];

    // 3. Start-up: spawn → first 200 of /robots.txt, interleaved across the archives and the empty Worker.
    options.progress(`scale: start-up, ${startupRounds} rounds of ${subjects.length} cold spawns`);
    const startup: Record<string, number[]> = Object.fromEntries(subjects.map((s) => [String(s), []]));
    for (let index = 0; index < startupRounds; index++) {
      const order = rotate(subjects, index);
      for (const subject of order) {
        const port = (await ports(1))[0] as number;
        const { ms } = await timeToFirstResponse(
          options.root,
          join(dir, `startup-${subject}.capnp`),
          [specFor(subject, port)],
          `http://127.0.0.1:${port}/robots.txt`,
        );
        startup[String(subject)]?.push(ms);
      }
    }
    const overEmpty = (subject: number): number[] =>
      (startup[String(subject)] ?? []).map((ms, index) => ms - (startup.empty?.[index] ?? Number.NaN));

    // 4. Heap at the first response, through the inspector (separate spawns: the inspector is off when timing).
    options.progress(`scale: V8 heap at the first response, ${heapRounds} rounds`);
    const heap: Record<string, { usedBytes: number[]; rssBytes: number[] }> = Object.fromEntries(
      subjects.map((s) => [String(s), { usedBytes: [], rssBytes: [] }]),
    );
    for (let index = 0; index < heapRounds; index++) {
      for (const subject of rotate(subjects, index)) {
        const [port, inspectorPort] = (await ports(2)) as [number, number];
        const spec = specFor(subject, port);
        const { extra } = await timeToFirstResponse(
          options.root,
          join(dir, `heap-${subject}.capnp`),
          [spec],
          `http://127.0.0.1:${port}/robots.txt`,
          ['--inspector-addr', `127.0.0.1:${inspectorPort}`],
          async (pid) => ({ heap: await heapUsage(`127.0.0.1:${inspectorPort}`, spec.name), rss: residentBytes(pid) }),
        );
        if (extra === undefined) throw new Error('scale: no heap reading');
        heap[String(subject)]?.usedBytes.push(extra.heap.usedSize);
        heap[String(subject)]?.rssBytes.push(extra.rss);
      }
    }

    // 5. Cold CPU per request: every request misses the edge cache and reads storage through ASSETS.
    const workers: Record<number, { server: Server; origin: string }> = {};
    for (const articles of counts) {
      const port = (await ports(1))[0] as number;
      const server = await startWorkerd(options.root, join(dir, `cold-${articles}.capnp`), `cold-${articles}`, [
        specFor(articles, port),
      ]);
      started.push(server);
      workers[articles] = { server, origin: `http://127.0.0.1:${port}` };
    }
    const routes = (archive: { lastPage: number }) => ({
      '/rss.xml': '/rss.xml',
      'last /rss.xml page': `/rss.xml?page=${archive.lastPage}`,
      'article page': `/articles/${ARTICLE_SLUG}`,
    });
    const checks: Record<string, unknown> = {};
    for (const archive of archives) {
      const origin = workers[archive.articles]?.origin ?? '';
      for (const path of [...Object.values(routes(archive)), `/rss.xml?page=${archive.lastPage + 1}`]) {
        const response = await fetch(origin + path);
        const body = await response.text();
        const expected = path.endsWith(`page=${archive.lastPage + 1}`) ? 404 : 200;
        if (response.status !== expected) throw new Error(`scale ${archive.articles} ${path}: HTTP ${response.status}`);
        if (expected === 200 && response.headers.get('x-cache') !== 'MISS')
          throw new Error(`scale ${archive.articles} ${path}: not a cache miss`);
        checks[`${archive.articles} ${path}`] = { status: response.status, bytes: Buffer.byteLength(body) };
      }
    }
    const cpu: Record<string, Record<number, LoadResult[]>> = {};
    for (const label of Object.keys(routes({ lastPage: 1 }))) {
      options.progress(`scale: cold CPU per request, ${label}, ${rounds} rounds × ${counts.length} archives`);
      const byCount: Record<number, LoadResult[]> = Object.fromEntries(counts.map((n) => [n, []]));
      const loadOptions = {
        amount: label === 'article page' ? 1000 : 500,
        connections: 8,
        maxSeconds: options.quick ? 3 : 5,
        expectStatus: 200,
      };
      const urlOf = (articles: number): string => {
        const archive = archives.find((a) => a.articles === articles) as Archive;
        return (workers[articles]?.origin ?? '') + routes(archive)[label as keyof ReturnType<typeof routes>];
      };
      for (const articles of counts)
        await load(urlOf(articles), workers[articles]?.server.pid ?? 0, { ...loadOptions, amount: 150 });
      for (let index = 0; index < rounds; index++) {
        for (const articles of rotate(counts, index)) {
          const result = await load(urlOf(articles), workers[articles]?.server.pid ?? 0, loadOptions);
          if (result.unexpected > 0) throw new Error(`scale ${articles} ${label}: ${result.unexpected} unexpected`);
          byCount[articles]?.push(result);
        }
      }
      cpu[label] = byCount;
    }
    const residentAfterLoad = Object.fromEntries(
      counts.map((n) => [n, round(residentBytes(workers[n]?.server.pid ?? 0) / MiB, 1)]),
    );

    // 6. Figures.
    const smallestArchive = archives[0] as Archive;
    const largestArchive = archives[archives.length - 1] as Archive;
    const fmt = (n: number): string => n.toLocaleString('en-US');
    const figure = (f: Omit<Figure, 'section'>): void => {
      figures.push({ section: SECTION, ...f });
    };
    const spreadOf = (values: number[]): [number, number] => {
      const [low, high] = spread(values);
      return [round(low), round(high)];
    };
    for (const archive of archives) {
      const n = archive.articles;
      const plan = limits[planFor(n)];
      const planName = planFor(n) === 'free' ? 'Free' : 'Paid';
      figure({
        id: `build.wall:${n}`,
        label: `${fmt(n)}: build time (wall)`,
        value: round(archive.built.wallSeconds, 1),
        unit: 's',
        ...(n === largest && largest >= 100_000 ? { target: 180 } : {}),
        note: `CPU ${archive.built.cpuSeconds.toFixed(1)} s (user+sys), peak RSS ${(archive.built.maxRssBytes / MiB).toFixed(0)} MiB`,
      });
      figure({
        id: `build.cpu:${n}`,
        label: `${fmt(n)}: build CPU (user+sys)`,
        value: round(archive.built.cpuSeconds, 1),
        unit: 's',
      });
      figure({
        id: `bundle.gzip:${n}`,
        label: `${fmt(n)}: Worker bundle, gzip`,
        value: archive.bundleKiB.gzipKiB,
        unit: 'KiB',
        target: round(plan.gzipKiB, 1),
        note: `${planName} plan limit ${planName === 'Free' ? 3 : 10} MB; raw ${archive.bundleKiB.rawKiB} KiB`,
      });
      figure({
        id: `storage.files:${n}`,
        label: `${fmt(n)}: stored files`,
        value: archive.storage.files,
        unit: 'files',
        target: plan.files,
        note: `${planName} plan: ${fmt(plan.files)} static-asset files per Worker version`,
      });
      figure({
        id: `storage.bytes:${n}`,
        label: `${fmt(n)}: stored bytes`,
        value: round(archive.storage.bytes / MiB, 1),
        unit: 'MiB',
        note: `${round(archive.storage.bytes / n / 1024, 1)} KiB per article`,
      });
      figure({
        id: `storage.largest:${n}`,
        label: `${fmt(n)}: largest stored file`,
        value: round(archive.storage.largestBytes / MiB, 2),
        unit: 'MiB',
        target: plan.fileMiB,
        note: `${archive.storage.largestFile}; limit 25 MiB per file`,
      });
      const startupValues = overEmpty(n);
      figure({
        id: `startup:${n}`,
        label: `${fmt(n)}: start-up over an empty Worker`,
        value: round(median(startupValues), 1),
        unit: 'ms',
        spread: spreadOf(startupValues),
        target: plan.startupMs,
        note: `spawn → first 200 of /robots.txt, minus the empty Worker's, median of ${startupRounds}; limit 1 s`,
      });
      const heapValues = heap[String(n)]?.usedBytes ?? [];
      figure({
        id: `heap:${n}`,
        label: `${fmt(n)}: V8 heap used at the first response`,
        value: round(median(heapValues) / MiB, 2),
        unit: 'MiB',
        target: plan.memoryMiB,
        note: `empty Worker ${round(median(heap.empty?.usedBytes ?? []) / MiB, 2)} MiB; limit 128 MB; process RSS ${round(median(heap[String(n)]?.rssBytes ?? []) / MiB, 0)} MiB`,
      });
    }

    // Growth: what must stay flat, against the smallest archive; the build against linear.
    const ratioFigure = (id: string, label: string, values: number[], target: number, note: string): void => {
      figure({ id, label, value: round(median(values)), unit: 'x', spread: spreadOf(values), target, note });
    };
    const previous = archives.length >= 2 ? (archives[archives.length - 2] as Archive) : smallestArchive;
    const growth = largest / previous.articles;
    figure({
      id: 'build.growth',
      label: `build time ${fmt(largest)} / ${fmt(previous.articles)} (${growth}x the articles)`,
      value: round(largestArchive.built.wallSeconds / previous.built.wallSeconds),
      unit: 'x',
      target: round(growth * 1.1, 2),
      note: `wall; CPU ${round(largestArchive.built.cpuSeconds / previous.built.cpuSeconds)}x; target: linear + 10%`,
    });
    figure({
      id: 'bundle.growth',
      label: `bundle gzip ${fmt(largest)} / ${fmt(smallest)}`,
      value: round(largestArchive.bundleKiB.gzipKiB / smallestArchive.bundleKiB.gzipKiB),
      unit: 'x',
      target: 1.2,
      note: `${smallestArchive.bundleKiB.gzipKiB} → ${largestArchive.bundleKiB.gzipKiB} KiB`,
    });
    const perRound = (a: number[], b: number[]): number[] => a.map((value, index) => value / (b[index] ?? Number.NaN));
    // Start-up differences are a few milliseconds over a noisy spawn: the ratio of the medians, not of single rounds.
    const startupSmallest = median(overEmpty(smallest));
    const startupLargest = median(overEmpty(largest));
    figure({
      id: 'startup.growth',
      label: `start-up over empty ${fmt(largest)} / ${fmt(smallest)}`,
      value: round(startupLargest / startupSmallest),
      unit: 'x',
      spread: spreadOf(perRound(overEmpty(largest), overEmpty(smallest))),
      target: 1.2,
      note: `ratio of the medians of ${startupRounds} interleaved rounds (spread: per round); ${round(startupSmallest, 1)} → ${round(startupLargest, 1)} ms`,
    });
    ratioFigure(
      'heap.growth',
      `V8 heap at first response ${fmt(largest)} / ${fmt(smallest)}`,
      perRound(heap[String(largest)]?.usedBytes ?? [], heap[String(smallest)]?.usedBytes ?? []),
      1.2,
      'per round, interleaved',
    );
    for (const [label, byCount] of Object.entries(cpu)) {
      for (const n of counts.slice(1)) {
        const micros = (results: LoadResult[]): number[] => results.map((r) => r.cpuPerRequestMicros);
        const values = perRound(micros(byCount[n] ?? []), micros(byCount[smallest] ?? []));
        ratioFigure(
          `cpu:${label}:${n}`,
          `cold ${label}: CPU per request ${fmt(n)} / ${fmt(smallest)}`,
          values,
          1.2,
          `per round, interleaved; ${round(median(micros(byCount[smallest] ?? [])), 0)} → ${round(median(micros(byCount[n] ?? [])), 0)} µs (diagnostic only)`,
        );
      }
    }

    const points: ScalePoint[] = archives.map((archive) => ({
      articles: archive.articles,
      buildSeconds: round(archive.built.wallSeconds, 2),
      buildCpuSeconds: round(archive.built.cpuSeconds, 2),
      buildRssMiB: round(archive.built.maxRssBytes / MiB, 1),
      storageMiB: round(archive.storage.bytes / MiB, 2),
      largestFileMiB: round(archive.storage.largestBytes / MiB, 3),
      files: archive.storage.files,
      bundleGzipKiB: archive.bundleKiB.gzipKiB,
      startupMs: round(median(overEmpty(archive.articles)), 2),
      heapMiB: round(median(heap[String(archive.articles)]?.usedBytes ?? []) / MiB, 3),
      cpuMicros: Object.fromEntries(
        Object.entries(cpu).map(([label, byCount]) => [
          label,
          round(median((byCount[archive.articles] ?? []).map((r) => r.cpuPerRequestMicros)), 1),
        ]),
      ),
    }));
    return {
      section: SECTION,
      title: `Scale (${counts.map(fmt).join(' / ')} articles: limits, and growth against the smallest archive)`,
      figures,
      details: {
        points,
        archives: archives.map((archive) => ({
          articles: archive.articles,
          generatedSeconds: archive.generatedSeconds,
          build: {
            message: archive.built.message,
            wallSeconds: round(archive.built.wallSeconds, 2),
            cpuSeconds: round(archive.built.cpuSeconds, 2),
            maxRssMiB: round(archive.built.maxRssBytes / MiB, 0),
          },
          storage: archive.storage,
          bundle: archive.bundleKiB,
          lastPage: archive.lastPage,
        })),
        startupMs: startup,
        heapBytes: heap,
        residentMiBAfterLoad: residentAfterLoad,
        checks,
        rounds: { startup: startupRounds, heap: heapRounds, cpu: rounds },
        clockTicksPerSecond: clockTicksPerSecond(),
        cpu: Object.fromEntries(
          Object.entries(cpu).map(([label, byCount]) => [
            label,
            Object.fromEntries(
              Object.entries(byCount).map(([n, results]) => [
                n,
                results.map((r) => ({ requests: r.requests, cpuPerRequestMicros: round(r.cpuPerRequestMicros, 1) })),
              ]),
            ),
          ]),
        ),
      },
    };
  } finally {
    for (const server of started.reverse()) await server.stop();
  }
}

/** The list starting at `by` (mod length): round r measures in a different order than round r - 1. */
function rotate<T>(list: readonly T[], by: number): T[] {
  const shift = by % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}
