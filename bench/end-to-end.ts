/**
 * End-to-end section: wirefeed's real bundle (`wrangler deploy --dry-run`) serving archives published into local R2
 * and D1 by its own CLI, in Miniflare (topology.ts), against floors in the same workerd process (floor-worker.ts),
 * loaded by autocannon on 127.0.0.1 in interleaved rounds; the figures are ratios of the process's CPU per request
 * (and of response times), median and p10–p90 over rounds. Two archives: the content, and the content plus one
 * article scheduled two days ahead (release awareness).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { benchBundle, wirefeedBundle } from './bundle.ts';
import { checkSide } from './e2e-checks.ts';
import { benchPartnerKey, seedPath, writeEndToEndContent, writeScheduledArticle } from './e2e-content.ts';
import { measureScenarios } from './e2e-measure.ts';
import { type Scenario, scenarios, workers } from './e2e-scenarios.ts';
import { type Probe, recordFloorTable } from './e2e-table.ts';
import type { FloorTable } from './floor-worker.ts';
import { runCli } from './publish-cli.ts';
import { applySearchMigrations, startTopology, type WorkerSpec, workerdVersion } from './topology.ts';
import type { BenchOptions, SectionResult } from './types.ts';

const SECTION = 'end-to-end';
const baseUrl = 'https://news.example.com';
const authorization = `Bearer ${benchPartnerKey}`;

interface Bundles {
  readonly wirefeed: string;
  readonly recorder: string;
  readonly floor: string;
}

/** wirefeed's Workers over archive A (the content) and B (plus the scheduled article); `recorder` only to record. */
function wirefeedWorkers(bundles: Bundles, recorder: boolean): WorkerSpec[] {
  const a = { wirefeed: true, archive: 'archive-a', search: 'search-a' } as const;
  const noMemory = { MEMORY_CACHE_BYTES: '0' };
  return [
    { name: workers.warm, bundle: bundles.wirefeed, ...a },
    { name: workers.scheduled, bundle: bundles.wirefeed, wirefeed: true, archive: 'archive-b', search: 'search-b' },
    { name: workers.edge, bundle: bundles.wirefeed, ...a, vars: noMemory },
    { name: workers.cold, bundle: bundles.wirefeed, ...a, vars: noMemory, edgeCache: false },
    ...(recorder ? [{ name: 'recorder', bundle: bundles.recorder, ...a, vars: noMemory, edgeCache: false }] : []),
  ];
}

function floorWorkers(bundles: Bundles, table: FloorTable): WorkerSpec[] {
  const floor = (name: string, mode: 'constant' | 'io', edgeCache: boolean): WorkerSpec => ({
    name,
    bundle: bundles.floor,
    ...(mode === 'io' ? { archive: 'archive-a', search: 'search-a' } : {}),
    vars: { TABLE: table, FLOOR_MODE: mode, LIVE_POINTER_TTL_MS: '1000' },
    edgeCache,
  });
  return [
    floor(workers.floor, 'constant', false),
    floor(workers.ioEdge, 'io', true),
    floor(workers.ioCold, 'io', false),
  ];
}

/** Every distinct request the scenarios send, for the recorder. */
function probesOf(list: readonly Scenario[]): Probe[] {
  return list.flatMap((scenario) =>
    scenario.sides.map((side) => ({
      path: side.path,
      authorized: side.authorized === true,
      notModified: side.ifNoneMatch === true,
    })),
  );
}

/** Publishes both archives through the Worker's endpoint with wirefeed's CLI, and records the floors' table. */
async function publishAndRecord(
  options: BenchOptions,
  dir: string,
  bundles: Bundles,
  list: readonly Scenario[],
): Promise<{ table: FloorTable; published: string[] }> {
  const topology = await startTopology({
    root: options.root,
    persistDir: join(dir, 'state'),
    workers: wirefeedWorkers(bundles, true),
  });
  try {
    const content = join(dir, 'content');
    const publish = async (worker: string) => {
      await applySearchMigrations(options.root, topology, worker);
      const origin = topology.origins[worker] as string;
      const run = await runCli({
        root: options.root,
        args: ['publish', '--url', origin, '--base-url', baseUrl, '--content', content, '--cache', join(dir, 'cache')],
      });
      options.progress(`end-to-end: published to ${worker} in ${run.wallSeconds.toFixed(1)} s`);
      return run.summary;
    };
    const published = [await publish(workers.warm)];
    // The archive with one scheduled article is published only when a chosen scenario reads it (at 100,000 a publish
    // takes minutes).
    if (list.some((scenario) => scenario.sides.some((side) => side.worker === workers.scheduled))) {
      writeScheduledArticle(content, Date.now() + 2 * 86_400_000);
      published.push(await publish(workers.scheduled));
    }
    options.progress('end-to-end: recording what wirefeed sends and reads for each measured request');
    const table = await recordFloorTable({
      recorder: topology.origins.recorder as string,
      cold: topology.origins[workers.cold] as string,
      warm: topology.origins[workers.warm] as string,
      authorization,
      probes: probesOf(list),
    });
    return { table, published };
  } finally {
    await topology.stop();
  }
}

export async function runEndToEnd(options: BenchOptions): Promise<SectionResult> {
  const dir = join(options.tmp, 'end-to-end');
  mkdirSync(dir, { recursive: true });
  const articles = options.e2eArticles;
  options.progress(`end-to-end: ${articles.toLocaleString('en-US')} generated articles + the seed, partners.yaml`);
  await writeEndToEndContent(options.root, join(dir, 'content'), articles);
  options.progress('end-to-end: bundling wirefeed (wrangler deploy --dry-run), the recorder and the floors');
  const bundles: Bundles = {
    wirefeed: await wirefeedBundle(options.root, join(dir, 'wirefeed')),
    recorder: await benchBundle(
      options.root,
      join(dir, 'recorder'),
      'bench-recorder',
      join(options.root, 'bench', 'recorder-entry.ts'),
    ),
    floor: await benchBundle(
      options.root,
      join(dir, 'floor'),
      'bench-floor',
      join(options.root, 'bench', 'floor-entry.ts'),
    ),
  };
  const list = scenarios().filter(
    (scenario) => options.scenarios === undefined || options.scenarios.some((id) => scenario.id.startsWith(id)),
  );
  const { table, published } = await publishAndRecord(options, dir, bundles, list);
  const topology = await startTopology({
    root: options.root,
    persistDir: join(dir, 'state'),
    workers: [...wirefeedWorkers(bundles, false), ...floorWorkers(bundles, table)],
  });
  try {
    options.progress('end-to-end: checking every side answers the recorded bytes');
    for (const scenario of list)
      for (const side of scenario.sides) await checkSide(side, topology.origins, table, authorization);
    const figures = await measureScenarios({ bench: options, topology, table, list, authorization, section: SECTION });
    return {
      section: SECTION,
      title: `End to end (the wrangler bundle in Miniflare with local R2, D1 and Cache API; ${articles.toLocaleString('en-US')} articles + the seed; ratios to floors in the same workerd)`,
      figures,
      details: {
        runtime: `Miniflare, workerd ${workerdVersion(options.root)}, one process for every Worker`,
        published,
        seed: seedPath,
        reads: Object.fromEntries(
          Object.entries(table).map(([key, route]) => [key, { r2: route.r2, d1: route.d1.length }]),
        ),
      },
    };
  } finally {
    await topology.stop();
  }
}
