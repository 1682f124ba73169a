/**
 * End-to-end section: the `wrangler deploy --dry-run` bundle of wirefeed (src/index.ts over a bench build) under
 * bare workerd against two floors in the same runtime (floor-worker.ts): the constant-body floor (the same bytes
 * from memory) and the I/O floor (the same edge-cache and storage I/O, none of wirefeed's own work), loaded by
 * autocannon on 127.0.0.1 in interleaved rounds, the order rotating. The edge cache (cache-worker.js) and the ASSETS binding (assets-worker.js over
 * workerd's `disk` service) each run in their own workerd process, so their CPU is not billed to the Worker, as at
 * Cloudflare. Warm = every request an edge-cache hit; cold = a cache that never holds anything, so every request
 * takes the miss path (lookup, storage read through ASSETS, assembly, store).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { articlePackPath, type ListFormat, listChunkPath, packOf, pageSpan } from '../src/archive/layout.ts';
import type { SiteManifest } from '../src/archive/manifest.ts';
import { benchCorpus } from './corpus.ts';
import type { FloorRoute, FloorTable, RecordedResponse } from './floor-worker.ts';
import { type LoadOptions, type LoadResult, load } from './load.ts';
import { boundWorker, probeAssets, startAssets, startCache } from './servers.ts';
import { buildSite, bundleWorker, compatibilityDate, floorEntry, wirefeedEntry, writeContent } from './site-bundle.ts';
import { median, round, spread } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';
import { clockTicksPerSecond, freePort, type Server, startWorkerd, workerdVersion } from './workerd.ts';

const SECTION = 'end-to-end';
const SEED_PATH = '/articles/sco-digital-link';
const ROUTES = ['/', SEED_PATH, '/rss.xml', '/atom.xml', '/feed.json'] as const;
/**
 * 304s: the RSS feed (conditional polling is what feed readers do all day; its ETag is the content version, so
 * it reads nothing) and the seed's page (its ETag is a hash of its bytes: a cache hit, or a pack read, decides).
 */
const NOT_MODIFIED_ROUTES = ['/rss.xml', SEED_PATH] as const;

type Scenario = { readonly kind: 'warm' | 'cold' | '304'; readonly path: string };

/** Against the constant-body floor. 304 of a list reads nothing; 304 of an article needs its ETag, from the edge cache. */
const targetOf = (scenario: Scenario): number =>
  scenario.kind === 'warm' ? 1.3 : scenario.kind === 'cold' ? 1.6 : scenario.path === SEED_PATH ? 1.3 : 1.05;
/** Against the I/O floor: what wirefeed's own code may add to the I/O it cannot avoid. */
const IO_TARGET = 1.3;

type Side = 'subject' | 'floor' | 'io';

/** The I/O floor differs from the constant one only where wirefeed does I/O: not for a list's 304. */
const sidesOf = (scenario: Scenario): readonly Side[] =>
  scenario.kind === '304' && scenario.path !== SEED_PATH ? ['subject', 'floor'] : ['subject', 'floor', 'io'];

const listFormats: Readonly<Record<string, ListFormat>> = {
  '/': 'index',
  '/rss.xml': 'rss',
  '/atom.xml': 'atom',
  '/feed.json': 'json',
};

/** The stored files wirefeed reads for page 1 of a list or for an article (src/worker/routes/*.ts, src/archive/layout.ts). */
function readsOf(manifest: SiteManifest, path: string): string[] {
  const format = listFormats[path];
  if (format !== undefined) {
    const span = pageSpan(manifest.articleCount, manifest.site.pageSize, 1);
    const chunks: string[] = [];
    for (let chunk = span.firstChunk; span.to > span.from && chunk <= span.lastChunk; chunk++)
      chunks.push(listChunkPath(format, chunk));
    return chunks;
  }
  const slug = path.slice('/articles/'.length);
  return [articlePackPath(packOf(slug, manifest.packCount))];
}

interface Servers {
  readonly warm: Server;
  readonly cold: Server;
  readonly floor: Server;
  readonly ioWarm: Server;
  readonly ioCold: Server;
  readonly origin: Readonly<Record<'warm' | 'cold' | 'floor' | 'ioWarm' | 'ioCold', string>>;
}

/** Headers that legitimately differ between wirefeed and the floor (cache status, transport). */
const transportHeaders = new Set(['x-cache', 'cf-cache-status', 'date', 'content-length', 'transfer-encoding']);

function recorded(response: Response, body: string): RecordedResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (!transportHeaders.has(name)) headers[name] = value;
  return { status: response.status, headers: { ...headers, 'X-Cache': 'HIT' }, body };
}

/** The floors' table: each route as the cold wirefeed sends it, the 304s as the warm one sends them, the files it reads. */
async function recordFloorTable(origin: { warm: string; cold: string }, manifest: SiteManifest): Promise<FloorTable> {
  const table: Record<string, FloorRoute> = {};
  for (const path of ROUTES) {
    const response = await fetch(origin.cold + path);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`cold ${path}: HTTP ${response.status}`);
    if (response.headers.get('x-cache') !== 'MISS') throw new Error(`cold ${path}: X-Cache is not MISS`);
    table[path] = { ok: recorded(response, body), reads: readsOf(manifest, path), lookupFor304: path === SEED_PATH };
  }
  for (const path of NOT_MODIFIED_ROUTES) {
    const entry = table[path];
    const etag = entry?.ok.headers.etag;
    if (entry === undefined || etag === undefined) throw new Error(`${path}: no ETag`);
    await fetch(origin.warm + path).then((response) => response.arrayBuffer()); // fills the warm cache
    await new Promise((resolve) => setTimeout(resolve, 50));
    const response = await fetch(origin.warm + path, { headers: { 'If-None-Match': etag } });
    await response.arrayBuffer();
    if (response.status !== 304) throw new Error(`warm ${path} with If-None-Match: ${response.status}, not 304`);
    table[path] = { ...entry, notModified: recorded(response, '') };
  }
  return table;
}

/** Proves every side sends the same bytes and headers, warm is a HIT, cold a MISS, and the 304s are 304s. */
async function checkServers(servers: Servers, table: FloorTable): Promise<Record<string, unknown>> {
  const checks: Record<string, unknown> = {};
  const differing = (a: Headers, b: Headers): string[] => {
    const names = new Set([...a.keys(), ...b.keys()]);
    return [...names].filter((name) => !transportHeaders.has(name) && a.get(name) !== b.get(name));
  };
  for (const path of ROUTES) {
    await fetch(servers.origin.warm + path).then((response) => response.arrayBuffer()); // fills the warm cache
    await new Promise((resolve) => setTimeout(resolve, 50));
    await fetch(servers.origin.ioWarm + path).then((response) => response.arrayBuffer()); // fills the I/O floor's
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [warm, cold, floor, ioWarm, ioCold] = await Promise.all(
      [
        servers.origin.warm,
        servers.origin.cold,
        servers.origin.floor,
        servers.origin.ioWarm,
        servers.origin.ioCold,
      ].map(async (origin) => {
        const response = await fetch(origin + path);
        return { response, body: await response.text() };
      }),
    );
    if (!warm || !cold || !floor || !ioWarm || !ioCold) throw new Error('unreachable');
    const expected = table[path]?.ok.body;
    for (const [name, side] of Object.entries({ warm, cold, floor, ioWarm, ioCold })) {
      if (side.response.status !== 200 || side.body !== expected)
        throw new Error(`${name} ${path}: not the recorded bytes (${side.response.status})`);
    }
    if (warm.response.headers.get('x-cache') !== 'HIT')
      throw new Error(`warm ${path}: X-Cache is not HIT; the edge cache does not work`);
    if (cold.response.headers.get('x-cache') !== 'MISS') throw new Error(`cold ${path}: X-Cache is not MISS`);
    if (ioWarm.response.headers.get('x-cache') !== 'HIT') throw new Error(`I/O floor warm ${path}: not a cache hit`);
    if (ioCold.response.headers.get('x-cache') !== 'MISS') throw new Error(`I/O floor cold ${path}: not a miss`);
    const diff = [warm, cold, ioWarm, ioCold].flatMap((side) =>
      differing(side.response.headers, floor.response.headers),
    );
    if (diff.length > 0) throw new Error(`${path}: headers differ from the floor's: ${diff.join(', ')}`);
    checks[path] = { bytes: Buffer.byteLength(floor.body), sameBytesAndHeaders: true, warm: 'HIT', cold: 'MISS' };
  }
  for (const path of NOT_MODIFIED_ROUTES) {
    const etag = table[path]?.ok.headers.etag ?? '';
    for (const origin of Object.values(servers.origin)) {
      const response = await fetch(origin + path, { headers: { 'If-None-Match': etag } });
      const body = await response.text();
      if (response.status !== 304 || body !== '')
        throw new Error(`${origin}${path} with If-None-Match: ${response.status}, not an empty 304`);
    }
    checks[`304 ${path}`] = { status: 304 };
  }
  return checks;
}

interface Run {
  readonly side: Side;
  readonly result: LoadResult;
}

export async function runEndToEnd(options: BenchOptions): Promise<SectionResult> {
  const rounds = options.quick ? 3 : 4;
  const amount = options.quick ? 1000 : 2000;
  /** Big feeds get fewer requests: a run moves at most this many body bytes, so the run time stays bounded. */
  const bytesPerRun = options.quick ? 80e6 : 200e6;
  const warmUpRequests = options.quick ? 100 : 200;
  const connections = 8;
  const dir = join(options.tmp, 'end-to-end');
  mkdirSync(dir, { recursive: true });
  const [warmPort, coldPort, floorPort, memoryPort, missPort, assetsPort, probePort, ioWarmPort, ioColdPort] =
    (await Promise.all(Array.from({ length: 9 }, freePort))) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
  const contentDir = join(dir, 'content');
  const date = compatibilityDate(options.root);

  options.progress('end-to-end: writing 20 articles (the seed + 19 generated) and building the site');
  writeContent(options.root, contentDir, benchCorpus(options.root, 20));
  const site = await buildSite(options.root, contentDir, join(dir, 'site'), `http://127.0.0.1:${warmPort}`);
  options.progress('end-to-end: bundling wirefeed (src/index.ts) with wrangler deploy --dry-run');
  const wirefeedBundle = await bundleWorker(
    options.root,
    join(dir, 'wirefeed'),
    'wirefeed-bench',
    wirefeedEntry(options.root, site.manifestFile),
  );

  options.progress('end-to-end: starting bare workerd (edge cache, assets, wirefeed warm, wirefeed cold)');
  const started: Server[] = [];
  try {
    const cache = await startCache(options.root, dir, date, [memoryPort, missPort]);
    started.push(cache);
    const assets = await startAssets(options.root, dir, 'assets', date, site.assetsDir, assetsPort);
    started.push(assets);
    const assetsProbe = await probeAssets(options.root, dir, date, assets.address, probePort, 'articles/0.json');
    const wirefeed = (name: string, port: number, cacheAddress: string, bindings?: Record<string, string>) =>
      startWorkerd(options.root, join(dir, `${name}.capnp`), name, [
        boundWorker('wirefeed', wirefeedBundle, date, port, cacheAddress, assets.address, bindings),
      ]);
    // Warm: as deployed (isolate memory, then the edge cache). Cold: no isolate memory and an edge cache
    // that never holds anything, so every request reads storage, assembles and stores.
    const warm = await wirefeed('wirefeed-warm', warmPort, cache.memory);
    started.push(warm);
    const coldWirefeed = await wirefeed('wirefeed-cold', coldPort, cache.miss, { MEMORY_CACHE_BYTES: '0' });
    started.push(coldWirefeed);
    const origin = {
      warm: `http://127.0.0.1:${warmPort}`,
      cold: `http://127.0.0.1:${coldPort}`,
      floor: `http://127.0.0.1:${floorPort}`,
      ioWarm: `http://127.0.0.1:${ioWarmPort}`,
      ioCold: `http://127.0.0.1:${ioColdPort}`,
    };
    options.progress('end-to-end: recording the floor table from wirefeed, bundling and starting the floors');
    const manifest = ((await import(pathToFileURL(site.manifestFile).href)) as { default: SiteManifest }).default;
    const table = await recordFloorTable(origin, manifest);
    const floorBundle = await bundleWorker(
      options.root,
      join(dir, 'floor'),
      'wirefeed-floor',
      floorEntry(options.root, join(dir, 'floor-src'), table),
    );
    const floor = await startWorkerd(options.root, join(dir, 'floor.capnp'), 'floor', [
      { name: 'floor', module: floorBundle, compatibilityDate: date, port: floorPort },
    ]);
    started.push(floor);
    const ioFloor = (name: string, port: number, cacheAddress: string) =>
      startWorkerd(options.root, join(dir, `${name}.capnp`), name, [
        boundWorker('floor', floorBundle, date, port, cacheAddress, assets.address),
      ]);
    const ioWarm = await ioFloor('io-floor-warm', ioWarmPort, cache.memory);
    started.push(ioWarm);
    const ioCold = await ioFloor('io-floor-cold', ioColdPort, cache.miss);
    started.push(ioCold);
    const servers: Servers = { warm, cold: coldWirefeed, floor, ioWarm, ioCold, origin };
    const checks = await checkServers(servers, table);

    const figures: Figure[] = [];
    const runs: Record<string, Run[]> = {};
    const amounts: Record<string, number> = {};
    const scenarios: Scenario[] = [
      ...ROUTES.map((path) => ({ kind: 'warm' as const, path })),
      ...ROUTES.map((path) => ({ kind: 'cold' as const, path })),
      ...NOT_MODIFIED_ROUTES.map((path) => ({ kind: '304' as const, path })),
    ];
    for (const scenario of scenarios) {
      const cold = scenario.kind === 'cold';
      const targets: Readonly<Record<Side, { origin: string; pid: number }>> = {
        subject: cold ? { origin: origin.cold, pid: coldWirefeed.pid } : { origin: origin.warm, pid: warm.pid },
        floor: { origin: origin.floor, pid: floor.pid },
        io: cold ? { origin: origin.ioCold, pid: ioCold.pid } : { origin: origin.ioWarm, pid: ioWarm.pid },
      };
      const sides = sidesOf(scenario);
      const notModified = scenario.kind === '304';
      const bodyBytes = Buffer.byteLength(table[scenario.path]?.ok.body ?? '');
      const loadOptions: LoadOptions = {
        // A 304 costs ~50 µs of CPU, so it gets 8x the requests: the CPU clock ticks at 1/CLK_TCK (10 ms), and
        // 16,000 of them are ~80 ticks a run (±1.3 %), where 4,000 were ~20 (±5 %, too coarse for a 1.05x target).
        amount: notModified ? amount * 8 : Math.max(400, Math.min(amount, Math.round(bytesPerRun / bodyBytes))),
        connections,
        maxSeconds: (options.quick ? 2 : 4) * (notModified ? 3 : 1),
        expectStatus: notModified ? 304 : 200,
        ...(notModified ? { headers: { 'If-None-Match': table[scenario.path]?.ok.headers.etag ?? '' } } : {}),
      };
      const warmUp = { ...loadOptions, amount: warmUpRequests };
      for (const side of sides) await load(targets[side].origin + scenario.path, targets[side].pid, warmUp);
      const list: Run[] = [];
      for (let index = 0; index < rounds; index++) {
        // Each round in another order (A B C, B C A, …, and reversed every other round).
        const shift = index % sides.length;
        const rotated = [...sides.slice(shift), ...sides.slice(0, shift)];
        const order = Math.floor(index / sides.length) % 2 === 0 ? rotated : rotated.reverse();
        for (const side of order) {
          const result = await load(targets[side].origin + scenario.path, targets[side].pid, loadOptions);
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
      const io = figures.find((figure) => figure.id === `${key}:cpu-io`);
      options.progress(
        `end-to-end: ${key} CPU/request ${cpu?.value}x the floor (target ${targetOf(scenario)}x)${io ? `, ${io.value}x the I/O floor (target ${IO_TARGET}x)` : ''}`,
      );
    }
    return {
      section: SECTION,
      title: 'End to end (bare workerd, ASSETS and edge cache in their own processes, ratios to the Hono floor)',
      figures,
      details: {
        runtime: `bare workerd ${workerdVersion(options.root)} serving the wrangler deploy --dry-run bundle of src/index.ts`,
        build: site.message,
        bundles: { wirefeed: wirefeedBundle, floor: floorBundle },
        reads: Object.fromEntries(Object.entries(table).map(([path, route]) => [path, route.reads])),
        assetsProbe,
        load: {
          connections,
          amount,
          bytesPerRun,
          rounds,
          amount304: amount * 8,
          warmUpRequests,
          clockTicksPerSecond: clockTicksPerSecond(),
        },
        checks,
        requestsPerRun: amounts,
        runs,
      },
    };
  } finally {
    for (const server of started.reverse()) await server.stop();
  }
}

function scenarioFigures(scenario: Scenario, runs: readonly Run[]): Figure[] {
  const of = (side: Side): LoadResult[] => runs.filter((run) => run.side === side).map((run) => run.result);
  const subject = of('subject');
  const floor = of('floor');
  const io = of('io');
  const ratios = (pick: (result: LoadResult) => number, base: LoadResult[] = floor): number[] =>
    subject.map((result, index) => pick(result) / pick(base[index] as LoadResult));
  const micros = (results: LoadResult[]): number => round(median(results.map((r) => r.cpuPerRequestMicros)), 0);
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
  const cpuNote = `workerd CPU/request: ${micros(subject)} µs vs floor ${micros(floor)} µs${io.length > 0 ? `, I/O floor ${micros(io)} µs` : ''} (diagnostic only)`;
  return [
    figure(
      'cpu',
      'CPU per request',
      ratios((r) => r.cpuPerRequestMicros),
      targetOf(scenario),
      cpuNote,
    ),
    ...(io.length > 0
      ? [
          figure(
            'cpu-io',
            'CPU per request vs the I/O floor',
            ratios((r) => r.cpuPerRequestMicros, io),
            IO_TARGET,
            'floor doing the same edge-cache lookups, storage reads and cache store, none of the assembly',
          ),
        ]
      : []),
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
