/**
 * Media section (issue 13): build time of an archive with one local picture per article — the first build (every
 * picture encoded) and a rebuild with the rendition cache, against the same archive without pictures, in
 * interleaved rounds — and the Worker's CPU per `/media/*` response against floors in the same runtime.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { type LoadOptions, type LoadResult, load } from './load.ts';
import type { MediaFloorTable } from './media-floor.ts';
import { boundWorker, startAssets, startCache } from './servers.ts';
import { type BuiltSite, buildSite, bundleWorker, compatibilityDate, wirefeedEntry } from './site-bundle.ts';
import { median, round, spread } from './stats.ts';
import type { BenchOptions, Figure, SectionResult } from './types.ts';
import { freePort, type Server, startWorkerd } from './workerd.ts';

const SECTION = 'media';
const BASE_URL = 'https://news.example.com';
/** A news picture as agencies send them for the web: 1280 x 960 JPEG (srcset 320–1280, 16:9 and 4:3 crops). */
const PICTURE = { width: 1280, height: 960 };

/** `count` Markdown articles, with (`pictures`) or without an `image` each; pictures generated once and kept. */
async function contentFor(options: BenchOptions, count: number): Promise<{ with: string; without: string }> {
  const base = join(options.root, 'build', 'bench-content', `media-${count}`);
  const dirs = { with: join(base, 'with'), without: join(base, 'without') };
  const complete = join(base, '.bench-complete');
  if (existsSync(complete)) return dirs;
  options.progress(`media: generating ${count} articles and ${count} pictures into ${base} (kept for later runs)`);
  rmSync(base, { recursive: true, force: true });
  for (const dir of Object.values(dirs)) mkdirSync(join(dir, 'articles', 'pictures'), { recursive: true });
  for (let index = 0; index < count; index++) {
    const day = new Date(Date.UTC(2025, 0, 1) + index * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    const body = `Delegates met for the ${index + 1}th time.\n\nThe talks went on into the evening.\n`;
    const front = `title: Picture story ${index + 1}\ndate: ${day}Z\nsource: www.news.cn\n`;
    const image = `image:\n  src: pictures/${index}.jpg\n  alt: Delegates at meeting ${index + 1}\n  caption: Meeting ${index + 1} opened.\n  credit: Photo by Li Ming / Xinhua\n  copyright: © Xinhua 2025\n`;
    writeFileSync(join(dirs.without, 'articles', `story-${index}.md`), `---\n${front}---\n\n${body}`);
    writeFileSync(join(dirs.with, 'articles', `story-${index}.md`), `---\n${front}${image}---\n\n${body}`);
    const hue = (index * 47) % 360;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE.width}" height="${PICTURE.height}"><rect width="100%" height="100%" fill="hsl(${hue},45%,45%)"/><circle cx="${200 + (index % 800)}" cy="400" r="${120 + (index % 90)}" fill="hsl(${(hue + 180) % 360},70%,60%)"/><rect y="700" width="100%" height="260" fill="hsl(${(hue + 90) % 360},35%,35%)"/></svg>`;
    await sharp(Buffer.from(svg))
      .jpeg({ quality: 85 })
      .toFile(join(dirs.with, 'articles', 'pictures', `${index}.jpg`));
  }
  writeFileSync(complete, `${count}\n`);
  return dirs;
}

/** A build into `out`; a rebuild keeps `out` (as `npm run build` does), so it replaces the previous build there. */
async function build(options: BenchOptions, contentDir: string, out: string, cacheDir: string): Promise<BuiltSite> {
  return buildSite(options.root, contentDir, out, BASE_URL, undefined, ['--media-cache', cacheDir]);
}

export async function runMedia(options: BenchOptions): Promise<SectionResult> {
  const count = options.quick ? 200 : 1000;
  const rounds = options.quick ? 2 : 3;
  const dir = join(options.tmp, 'media');
  const content = await contentFor(options, count);
  const cacheDir = join(dir, 'cache');
  options.progress(
    `media: first build of ${count} articles with ${count} pictures (empty cache: every picture encoded)`,
  );
  // Into the folder the rebuilds use: a rebuild replaces the previous build, as `npm run build` after `npm run build` does.
  const first = await build(options, content.with, join(dir, 'cached'), cacheDir);
  // Both sides in the steady state of repeated builds: the archive without pictures replaces its own previous build too.
  await build(options, content.without, join(dir, 'none'), join(dir, 'no-cache'));
  const cached: BuiltSite[] = [];
  const none: BuiltSite[] = [];
  for (let index = 0; index < rounds; index++) {
    // Interleaved, the order alternating: the machine's noise falls on both sides alike.
    const pair = [
      async () => cached.push(await build(options, content.with, join(dir, 'cached'), cacheDir)),
      async () => none.push(await build(options, content.without, join(dir, 'none'), join(dir, 'no-cache'))),
    ];
    for (const step of index % 2 === 0 ? pair : pair.reverse()) await step();
  }
  const ratios = cached.map((site, index) => site.wallSeconds / (none[index] as BuiltSite).wallSeconds);
  const cpuRatios = cached.map((site, index) => site.cpuSeconds / (none[index] as BuiltSite).cpuSeconds);
  options.progress(`media: cached rebuild ${round(median(ratios), 2)}x the build without pictures (target ≤ 1.1x)`);
  const encodedAgain = /, (\d+) picture\(s\) encoded/.exec(cached[0]?.message ?? '')?.[1];
  if (encodedAgain !== '0') throw new Error(`the cached rebuild encoded pictures again: ${cached[0]?.message}`);

  const serving = await measureServing(options, dir, cached.at(-1) as BuiltSite);
  const figures: Figure[] = [
    {
      section: SECTION,
      id: 'build.cached',
      label: `rebuild of ${count} articles + ${count} pictures (cache) vs the same archive without pictures, wall`,
      value: round(median(ratios), 3),
      unit: 'x',
      spread: spread(ratios).map((value) => round(value, 3)) as [number, number],
      target: 1.1,
      note: `0 pictures encoded; ${round(median(cached.map((site) => site.wallSeconds)), 2)} s vs ${round(median(none.map((site) => site.wallSeconds)), 2)} s; CPU ${round(median(cpuRatios), 2)}x`,
    },
    {
      section: SECTION,
      id: 'build.first',
      label: `first build of ${count} articles + ${count} pictures (every picture encoded), wall`,
      value: round(first.wallSeconds, 1),
      unit: 's',
      note: `${PICTURE.width} x ${PICTURE.height} JPEGs, ${round(Number(/\((\d+) picture file\(s\)/.exec(first.message)?.[1] ?? 0) / count, 1)} files each; CPU ${round(first.cpuSeconds, 1)} s; ${round(first.wallSeconds / median(none.map((site) => site.wallSeconds)), 1)}x the build without pictures`,
    },
    ...serving.figures,
  ];
  return {
    section: SECTION,
    title: 'Media (pictures: build with the rendition cache; /media/* CPU per request in bare workerd)',
    figures,
    details: {
      count,
      picture: PICTURE,
      first: first.message,
      cached: cached.map((site) => ({ wall: site.wallSeconds, cpu: site.cpuSeconds, message: site.message })),
      none: none.map((site) => ({ wall: site.wallSeconds, cpu: site.cpuSeconds, message: site.message })),
      serving: serving.details,
    },
  };
}

/** wirefeed's /media/<file> against the constant floor and the I/O floor; the asset layer's own cost for a direct hit. */
async function measureServing(
  options: BenchOptions,
  dir: string,
  site: BuiltSite,
): Promise<{ figures: Figure[]; details: unknown }> {
  const date = compatibilityDate(options.root);
  const name = readdirSync(join(site.assetsDir, 'media')).sort()[0];
  if (name === undefined) throw new Error('the build published no picture');
  const path = `/media/${name}`;
  const [workerPort, floorPort, ioPort, memoryPort, missPort, assetsPort] = (await Promise.all(
    Array.from({ length: 6 }, freePort),
  )) as [number, number, number, number, number, number];
  const started: Server[] = [];
  try {
    const cache = await startCache(options.root, dir, date, [memoryPort, missPort]);
    started.push(cache);
    const assets = await startAssets(options.root, dir, 'media-assets', date, site.assetsDir, assetsPort);
    started.push(assets);
    const wirefeedBundle = await bundleWorker(
      options.root,
      join(dir, 'wirefeed'),
      'wirefeed-media',
      wirefeedEntry(options.root, site.manifestFile),
    );
    const worker = await startWorkerd(options.root, join(dir, 'media-wirefeed.capnp'), 'media-wirefeed', [
      boundWorker('wirefeed', wirefeedBundle, date, workerPort, cache.memory, assets.address),
    ]);
    started.push(worker);
    const answer = await fetch(`http://127.0.0.1:${workerPort}${path}`);
    const bytes = new Uint8Array(await answer.arrayBuffer());
    if (answer.status !== 200) throw new Error(`${path}: HTTP ${answer.status}`);
    const headers: Record<string, string> = {};
    for (const [key, value] of answer.headers) if (key !== 'content-length') headers[key] = value;
    const table: MediaFloorTable = { path, headers, body: Buffer.from(bytes).toString('base64') };
    mkdirSync(join(dir, 'floor-src'), { recursive: true });
    writeFileSync(join(dir, 'floor-src', 'table.js'), `export default ${JSON.stringify(table)};\n`);
    const floorBundle = await bundleWorker(
      options.root,
      join(dir, 'floor'),
      'media-floor',
      `import { createMediaFloor } from ${JSON.stringify(join(options.root, 'bench', 'media-floor.ts'))};\nimport table from ${JSON.stringify(join(dir, 'floor-src', 'table.js'))};\nexport default createMediaFloor(table);\n`,
    );
    const floor = await startWorkerd(options.root, join(dir, 'media-floor.capnp'), 'media-floor', [
      { name: 'floor', module: floorBundle, compatibilityDate: date, port: floorPort },
    ]);
    started.push(floor);
    const io = await startWorkerd(options.root, join(dir, 'media-io.capnp'), 'media-io', [
      boundWorker('floor', floorBundle, date, ioPort, cache.memory, assets.address),
    ]);
    started.push(io);
    for (const port of [floorPort, ioPort]) {
      const check = await fetch(`http://127.0.0.1:${port}${path}`);
      const same = Buffer.from(await check.arrayBuffer()).equals(Buffer.from(bytes));
      if (!same || check.headers.get('etag') !== headers.etag)
        throw new Error(`floor on ${port} differs from wirefeed`);
    }
    const amount = options.quick ? 1500 : 3000;
    const rounds = options.quick ? 3 : 4;
    const loadOptions: LoadOptions = { amount, connections: 8, maxSeconds: options.quick ? 3 : 5, expectStatus: 200 };
    const sides = {
      wirefeed: { url: `http://127.0.0.1:${workerPort}${path}`, pid: worker.pid },
      floor: { url: `http://127.0.0.1:${floorPort}${path}`, pid: floor.pid },
      io: { url: `http://127.0.0.1:${ioPort}${path}`, pid: io.pid },
    } as const;
    type Side = keyof typeof sides;
    const order: Side[] = ['wirefeed', 'floor', 'io'];
    const runs: Record<Side, LoadResult[]> = { wirefeed: [], floor: [], io: [] };
    const assetsPerRequest: number[] = [];
    for (const side of order) await load(sides[side].url, sides[side].pid, { ...loadOptions, amount: 300 });
    for (let index = 0; index < rounds; index++) {
      const rotated = [...order.slice(index % 3), ...order.slice(0, index % 3)];
      for (const side of index % 2 === 0 ? rotated : rotated.reverse()) {
        const result = await load(sides[side].url, sides[side].pid, loadOptions);
        if (result.unexpected > 0) throw new Error(`${side} ${path}: ${result.unexpected} unexpected responses`);
        runs[side].push(result);
      }
      // The asset layer answering the same file itself (no Worker): what serving it "asset-first" costs.
      const direct = await load(`http://127.0.0.1:${assetsPort}/${path.slice(1)}`, assets.pid, loadOptions);
      assetsPerRequest.push(direct.cpuPerRequestMicros);
    }
    const ratio = (base: Side) =>
      runs.wirefeed.map(
        (result, index) => result.cpuPerRequestMicros / (runs[base][index] as LoadResult).cpuPerRequestMicros,
      );
    const micros = (side: Side) => round(median(runs[side].map((result) => result.cpuPerRequestMicros)), 1);
    const figures: Figure[] = [
      {
        section: SECTION,
        id: 'serve.cpu-io',
        label: `GET ${'/media/…'} (${bytes.byteLength} B JPEG): Worker CPU/request vs the I/O floor`,
        value: round(median(ratio('io')), 3),
        unit: 'x',
        spread: spread(ratio('io')).map((value) => round(value, 3)) as [number, number],
        target: 1.1,
        note: `the same ASSETS read streamed by a bare Hono route; ${micros('wirefeed')} µs vs ${micros('io')} µs`,
      },
      {
        section: SECTION,
        id: 'serve.cpu',
        label: 'GET /media/…: Worker CPU/request vs the constant floor (bytes in memory)',
        value: round(median(ratio('floor')), 3),
        unit: 'x',
        spread: spread(ratio('floor')).map((value) => round(value, 3)) as [number, number],
        note: `${micros('floor')} µs: the floor does no storage read at all, wirefeed must make one`,
      },
      {
        section: SECTION,
        id: 'serve.asset-direct',
        label: 'GET /media/… answered by the asset layer alone (run_worker_first off for /media/*), asset CPU/request',
        value: round(median(assetsPerRequest), 1),
        unit: 'µs',
        note: `no Worker invocation at all (Cloudflare bills none); through the Worker: ${micros('wirefeed')} µs Worker CPU + the same asset read`,
      },
    ];
    options.progress(
      `media: /media/* ${figures[0]?.value}x the I/O floor (target ≤ 1.1x), ${figures[1]?.value}x the constant floor; asset layer alone ${figures[2]?.value} µs`,
    );
    return { figures, details: { path, bytes: bytes.byteLength, runs, assetsPerRequest, headers } };
  } finally {
    for (const server of started.reverse()) await server.stop();
  }
}
