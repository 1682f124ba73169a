/**
 * End-to-end section: the `wrangler deploy --dry-run` bundle of wirefeed under bare workerd against a minimal
 * Hono floor serving the same bytes in the same runtime, loaded by autocannon on 127.0.0.1, A B A B.
 * Edge cache: a Cache API service (cache-worker.js) in its own workerd process, so its CPU is not billed to
 * the Worker, as at Cloudflare. Warm = every request a hit; cold = a cache that never holds anything, so every
 * request takes the miss path (lookup, build the Response, store).
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SiteBuild } from '../src/site-build.ts';
import { benchCorpus } from './corpus.ts';
import { type LoadOptions, type LoadResult, load } from './load.ts';
import {
  buildSiteModule,
  bundleWorker,
  compatibilityDate,
  floorEntry,
  wirefeedEntry,
  writeContent,
} from './site-bundle.ts';
import { median, round, spread } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';
import { clockTicksPerSecond, processName, type Server, startWorkerd, workerdVersion } from './workerd.ts';

const SECTION = 'end-to-end';
const SEED_PATH = '/articles/sco-digital-link';
const ROUTES = ['/', SEED_PATH, '/rss.xml', '/atom.xml', '/feed.json'] as const;
/** The 304 is measured on the RSS feed: conditional polling is what feed readers do all day. */
const NOT_MODIFIED_ROUTE = '/rss.xml';

type Scenario = { readonly kind: 'warm' | 'cold' | '304'; readonly path: string };

const targets = { warm: 1.3, cold: 1.6, '304': 1.05 } as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface Servers {
  readonly cache: Server;
  readonly warm: Server;
  readonly cold: Server;
  readonly floor: Server;
  readonly origin: { readonly warm: string; readonly cold: string; readonly floor: string };
}

async function startServers(
  options: BenchOptions,
  dir: string,
  bundles: { wirefeed: string; floor: string },
  ports: number[],
): Promise<Servers> {
  const [warmPort, coldPort, floorPort, memoryPort, missPort] = ports as [number, number, number, number, number];
  const date = compatibilityDate(options.root);
  const cacheModule = join(options.root, 'bench', 'cache-worker.js');
  const started: Server[] = [];
  try {
    const cache = await startWorkerd(options.root, join(dir, 'cache.capnp'), 'cache', [
      { name: 'memory', module: cacheModule, compatibilityDate: date, port: memoryPort, bindings: { MODE: 'memory' } },
      { name: 'miss', module: cacheModule, compatibilityDate: date, port: missPort, bindings: { MODE: 'miss' } },
    ]);
    started.push(cache);
    const wirefeed = (port: number, cachePort: number) => [
      {
        name: 'wirefeed',
        module: bundles.wirefeed,
        compatibilityDate: date,
        port,
        cacheAddress: `127.0.0.1:${cachePort}`,
      },
    ];
    const warm = await startWorkerd(
      options.root,
      join(dir, 'warm.capnp'),
      'wirefeed-warm',
      wirefeed(warmPort, memoryPort),
    );
    started.push(warm);
    const cold = await startWorkerd(
      options.root,
      join(dir, 'cold.capnp'),
      'wirefeed-cold',
      wirefeed(coldPort, missPort),
    );
    started.push(cold);
    const floor = await startWorkerd(options.root, join(dir, 'floor.capnp'), 'floor', [
      { name: 'floor', module: bundles.floor, compatibilityDate: date, port: floorPort },
    ]);
    started.push(floor);
    for (const server of started) {
      const name = processName(server.pid);
      if (name !== 'workerd') throw new Error(`PID ${server.pid} of ${server.name} is "${name}", not workerd`);
    }
    return {
      cache,
      warm,
      cold,
      floor,
      origin: {
        warm: `http://127.0.0.1:${warmPort}`,
        cold: `http://127.0.0.1:${coldPort}`,
        floor: `http://127.0.0.1:${floorPort}`,
      },
    };
  } catch (error) {
    for (const server of started) await server.stop();
    throw error;
  }
}

/** Headers that legitimately differ between wirefeed and the floor (cache status, transport). */
const transportHeaders = new Set(['x-cache', 'cf-cache-status', 'date', 'content-length', 'transfer-encoding']);

/** Proves both sides send the same bytes and headers, and that warm is a HIT and cold a MISS. */
async function checkServers(servers: Servers, build: SiteBuild): Promise<Record<string, unknown>> {
  const checks: Record<string, unknown> = {};
  for (const path of ROUTES) {
    await fetch(servers.origin.warm + path).then((response) => response.arrayBuffer()); // fills the warm cache
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [warm, cold, floor] = await Promise.all(
      [servers.origin.warm, servers.origin.cold, servers.origin.floor].map(async (origin) => {
        const response = await fetch(origin + path);
        return { response, body: await response.text() };
      }),
    );
    if (!warm || !cold || !floor) throw new Error('unreachable');
    const expected = build.routes[path]?.body;
    for (const [name, side] of Object.entries({ warm, cold, floor })) {
      if (side.response.status !== 200 || side.body !== expected)
        throw new Error(`${name} ${path}: not the built bytes (${side.response.status})`);
    }
    if (warm.response.headers.get('x-cache') !== 'HIT')
      throw new Error(`warm ${path}: X-Cache is not HIT; the edge cache does not work`);
    if (cold.response.headers.get('x-cache') !== 'MISS') throw new Error(`cold ${path}: X-Cache is not MISS`);
    const differing = (a: Headers, b: Headers): string[] => {
      const names = new Set([...a.keys(), ...b.keys()]);
      return [...names].filter((name) => !transportHeaders.has(name) && a.get(name) !== b.get(name));
    };
    const warmDiff = differing(warm.response.headers, floor.response.headers);
    const coldDiff = differing(cold.response.headers, floor.response.headers);
    if (warmDiff.length > 0 || coldDiff.length > 0) {
      throw new Error(`${path}: headers differ from the floor's: ${[...warmDiff, ...coldDiff].join(', ')}`);
    }
    checks[path] = { bytes: Buffer.byteLength(floor.body), sameBytesAndHeaders: true, warm: 'HIT', cold: 'MISS' };
  }
  const etag = build.routes[NOT_MODIFIED_ROUTE]?.headers.ETag ?? '';
  for (const origin of [servers.origin.warm, servers.origin.floor]) {
    const response = await fetch(origin + NOT_MODIFIED_ROUTE, { headers: { 'If-None-Match': etag } });
    if (response.status !== 304)
      throw new Error(`${origin}${NOT_MODIFIED_ROUTE} with If-None-Match: ${response.status}, not 304`);
  }
  return checks;
}

interface Run {
  readonly side: 'subject' | 'floor';
  readonly result: LoadResult;
}

export async function runEndToEnd(options: BenchOptions): Promise<SectionResult> {
  const pairs = options.quick ? 3 : 7;
  const amount = options.quick ? 2000 : 2500;
  /** Big feeds get fewer requests: a run moves at most this many body bytes, so the run time stays bounded. */
  const bytesPerRun = options.quick ? 150e6 : 300e6;
  const warmUpRequests = options.quick ? 150 : 300;
  const connections = 8;
  const dir = join(options.tmp, 'end-to-end');
  mkdirSync(dir, { recursive: true });
  const ports = await Promise.all(Array.from({ length: 5 }, freePort));
  const contentDir = join(dir, 'content');
  const siteBuildFile = join(dir, 'site-build.mjs');

  options.progress('end-to-end: writing 20 articles (the seed + 19 generated) and building the site');
  writeContent(options.root, contentDir, benchCorpus(options.root, 20));
  const buildMessage = await buildSiteModule(options.root, contentDir, siteBuildFile, `http://127.0.0.1:${ports[0]}`);
  const build = ((await import(pathToFileURL(siteBuildFile).href)) as { default: SiteBuild }).default;
  options.progress('end-to-end: bundling wirefeed and the floor with wrangler deploy --dry-run');
  const [wirefeedBundle, floorBundle] = await Promise.all([
    bundleWorker(options.root, join(dir, 'wirefeed'), 'wirefeed-bench', wirefeedEntry(options.root, siteBuildFile)),
    bundleWorker(options.root, join(dir, 'floor'), 'wirefeed-floor', floorEntry(options.root, siteBuildFile)),
  ]);

  options.progress('end-to-end: starting bare workerd (edge cache, wirefeed warm, wirefeed cold, floor)');
  const servers = await startServers(options, dir, { wirefeed: wirefeedBundle, floor: floorBundle }, ports);
  const figures: Figure[] = [];
  const runs: Record<string, Run[]> = {};
  const amounts: Record<string, number> = {};
  try {
    const checks = await checkServers(servers, build);
    const scenarios: Scenario[] = [
      ...ROUTES.map((path) => ({ kind: 'warm' as const, path })),
      ...ROUTES.map((path) => ({ kind: 'cold' as const, path })),
      { kind: '304', path: NOT_MODIFIED_ROUTE },
    ];
    for (const scenario of scenarios) {
      const subject = scenario.kind === 'cold' ? servers.cold : servers.warm;
      const subjectOrigin = scenario.kind === 'cold' ? servers.origin.cold : servers.origin.warm;
      const notModified = scenario.kind === '304';
      const bodyBytes = Buffer.byteLength(build.routes[scenario.path]?.body ?? '');
      const loadOptions: LoadOptions = {
        // A 304 costs little, so it gets more requests: the CPU clock ticks at 1/CLK_TCK seconds.
        amount: notModified ? amount * 2 : Math.max(400, Math.min(amount, Math.round(bytesPerRun / bodyBytes))),
        connections,
        maxSeconds: options.quick ? 3 : 6,
        expectStatus: notModified ? 304 : 200,
        ...(notModified ? { headers: { 'If-None-Match': build.routes[scenario.path]?.headers.ETag ?? '' } } : {}),
      };
      const warmUp = { ...loadOptions, amount: warmUpRequests };
      await load(subjectOrigin + scenario.path, subject.pid, warmUp);
      await load(servers.origin.floor + scenario.path, servers.floor.pid, warmUp);
      const list: Run[] = [];
      for (let index = 0; index < pairs; index++) {
        const order = index % 2 === 0 ? (['subject', 'floor'] as const) : (['floor', 'subject'] as const);
        for (const side of order) {
          const result =
            side === 'subject'
              ? await load(subjectOrigin + scenario.path, subject.pid, loadOptions)
              : await load(servers.origin.floor + scenario.path, servers.floor.pid, loadOptions);
          if (result.unexpected > 0)
            throw new Error(`${scenario.kind} ${scenario.path} ${side}: ${result.unexpected} unexpected responses`);
          list.push({ side, result });
        }
      }
      const key = `${scenario.kind}:${scenario.path}`;
      runs[key] = list;
      amounts[key] = loadOptions.amount;
      figures.push(...scenarioFigures(scenario, list));
      const cpu = figures.find((figure) => figure.id === `${key}:cpu`);
      options.progress(`end-to-end: ${key} CPU/request ${cpu?.value}x the floor (target ${targets[scenario.kind]}x)`);
    }
    return {
      section: SECTION,
      title: 'End to end (bare workerd, autocannon on 127.0.0.1, ratios to the Hono floor)',
      figures,
      details: {
        runtime: `bare workerd ${workerdVersion(options.root)} serving the wrangler deploy --dry-run bundle`,
        build: buildMessage,
        bundles: { wirefeed: wirefeedBundle, floor: floorBundle },
        load: {
          connections,
          amount,
          bytesPerRun,
          pairs,
          amount304: amount * 2,
          warmUpRequests,
          clockTicksPerSecond: clockTicksPerSecond(),
        },
        checks,
        requestsPerRun: amounts,
        runs,
      },
    };
  } finally {
    for (const server of [servers.warm, servers.cold, servers.floor, servers.cache]) await server.stop();
  }
}

function scenarioFigures(scenario: Scenario, runs: readonly Run[]): Figure[] {
  const subject = runs.filter((run) => run.side === 'subject').map((run) => run.result);
  const floor = runs.filter((run) => run.side === 'floor').map((run) => run.result);
  const ratios = (pick: (result: LoadResult) => number): number[] =>
    subject.map((result, index) => pick(result) / pick(floor[index] as LoadResult));
  const name = scenario.kind === '304' ? `304 ${scenario.path}` : `${scenario.kind} ${scenario.path}`;
  const figure = (metric: string, label: string, values: number[], target?: number, note?: string): Figure => {
    const [low, high] = spread(values);
    return {
      section: SECTION,
      id: `${scenario.kind}:${scenario.path}:${metric}`,
      label: `${name}: ${label}`,
      value: round(median(values)),
      unit: 'x',
      spread: [round(low), round(high)],
      ...(target !== undefined ? { target } : {}),
      ...(note !== undefined ? { note } : {}),
    };
  };
  const cpuNote = `workerd CPU/request: ${round(median(subject.map((r) => r.cpuPerRequestMicros)), 0)} µs vs floor ${round(median(floor.map((r) => r.cpuPerRequestMicros)), 0)} µs (diagnostic only)`;
  return [
    figure(
      'cpu',
      'CPU per request',
      ratios((r) => r.cpuPerRequestMicros),
      targets[scenario.kind],
      cpuNote,
    ),
    figure(
      'rps',
      'requests/s (higher is better)',
      ratios((r) => r.requestsPerSecond),
    ),
    figure(
      'p50',
      'p50 latency',
      ratios((r) => r.p50Ms),
    ),
    figure(
      'p99',
      'p99 latency',
      ratios((r) => r.p99Ms),
    ),
  ];
}
