// Many requests at once in one isolate, as a busy Worker gets them: the real bundle (`wrangler deploy --dry-run`) in
// Miniflare with R2, D1, the Cache API and the rate limiter, over an archive published by the CLI (partners and one
// scheduled article included), loaded over HTTP from Node with some clients giving up mid-request. No answer may be a
// 5xx and workerd may log no request's I/O used from another (bench/results.md, 2026-12-06: 500s under load).
//
// Why Node and not the vitest pool: the failure needs hot code. Promises that TurboFan-optimized code creates carry
// no request tag, so workerd cannot send a continuation queued on another request's pending promise back to its own
// request; it runs inside the request that settles that promise, and what it makes there (a Response body, a
// subrequest) belongs to the wrong request. A production isolate gets there after minutes of traffic; the V8 flags
// below get there after a few dozen requests. In the pool the same flags break the pool's own harness (its loopback
// requests fail even for a preflight that never reaches wirefeed's shared state), so the Worker is served directly.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

const root = resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'wirefeed-concurrent-'));
const wrangler = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');

const publishToken = 'concurrent-test-publish-token';
const partnerKey = 'concurrent-test-partner-key';
/** TurboFan after 30 calls of a function instead of thousands (flag names of the V8 in this workerd). */
const hotCodeFlags = '--invocation-count-for-maglev=10 --invocation-count-for-turbofan=30';

/** The seed, 60 generated stories, one story scheduled two days ahead, and a partner entitled to every section. */
function writeContent(dir: string): void {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  copyFileSync(join(root, 'content', 'site.yaml'), join(dir, 'site.yaml'));
  copyFileSync(
    join(root, 'content', 'articles', 'sco-digital-link.txt'),
    join(dir, 'articles', 'sco-digital-link.txt'),
  );
  for (let n = 0; n < 60; n++) {
    const at = new Date(Date.UTC(2025, 0, 1) + n * 3_600_000).toISOString();
    writeFileSync(
      join(dir, 'articles', `story-${n}.txt`),
      `Digital story ${n}\n${at.slice(0, 10)} ${at.slice(11, 16)} +00:00\nBody ${n}, on digital links.\nSource:www.news.cn\n`,
    );
  }
  const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
  writeFileSync(
    join(dir, 'articles', 'scheduled.txt'),
    `A scheduled story\n${later.slice(0, 10)} ${later.slice(11, 16)} +00:00\nNot yet.\nSource:www.news.cn\n`,
  );
  const keySha256 = createHash('sha256').update(partnerKey).digest('hex');
  writeFileSync(
    join(dir, 'partners.yaml'),
    `- id: load\n  name: Load partner\n  keySha256: ${keySha256}\n  sections: [all]\n  embargoed: true\n`,
  );
}

/** The bundle exactly as `wrangler deploy` would upload it (its build command included). */
function bundle(outDir: string): string {
  const run = spawnSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', outDir], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (run.status !== 0) throw new Error(`wrangler deploy --dry-run failed:\n${run.stdout}${run.stderr}`);
  const file = readdirSync(outDir).find((name) => name.endsWith('.js'));
  if (file === undefined) throw new Error('wrangler wrote no bundle');
  return join(outDir, file);
}

let miniflare: Miniflare | undefined;
let origin = '';
/** workerd's error and warning lines, wirefeed's own and the runtime's. */
const logged: string[] = [];

beforeAll(async () => {
  const content = join(scratch, 'content');
  writeContent(content);
  const script = bundle(join(scratch, 'dist'));
  // The bindings wrangler dev derives from wrangler.toml, as the bench keeps them.
  const derived = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml')).workerOptions as Record<
    string,
    unknown
  >;
  const before = process.env.MINIFLARE_WORKERD_V8_FLAGS;
  process.env.MINIFLARE_WORKERD_V8_FLAGS = hotCodeFlags;
  try {
    miniflare = new Miniflare(
      convertV4MiniflareOptions({
        resourcePersistencePath: join(scratch, 'state'),
        handleStructuredLogs: ({ level, message }: { level: string; message: string }) => {
          if (level === 'error' || level === 'warn') logged.push(message);
        },
        workers: [
          {
            name: 'wirefeed',
            modules: true,
            scriptPath: script,
            modulesRoot: dirname(script),
            compatibilityDate: derived.compatibilityDate,
            compatibilityFlags: derived.compatibilityFlags,
            bindings: {
              ...(derived.bindings as Record<string, unknown>),
              PUBLISH_TOKEN: publishToken,
              // A pointer read every 100 ms rather than every second: more reads under way while requests arrive.
              LIVE_POINTER_TTL_MS: '100',
            },
            r2Buckets: { ARCHIVE: 'archive' },
            d1Databases: { SEARCH: 'search' },
            queueProducers: derived.queueProducers,
            ratelimits: { PARTNER_RATE_LIMIT: { namespace_id: '1001', simple: { limit: 1_000_000_000, period: 60 } } },
            cacheAPI: true,
            unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
          },
        ],
      } as unknown as Parameters<typeof convertV4MiniflareOptions>[0]),
    );
    await miniflare.ready;
  } finally {
    if (before === undefined) delete process.env.MINIFLARE_WORKERD_V8_FLAGS;
    else process.env.MINIFLARE_WORKERD_V8_FLAGS = before;
  }
  origin = (await miniflare.unsafeGetDirectURL('wirefeed')).origin.replace('localhost', '127.0.0.1');

  const database = await miniflare.getD1Database('SEARCH', 'wirefeed');
  const migration = readFileSync(join(root, 'migrations', 'search', '0001_search_index.sql'), 'utf8');
  const statements = migration
    .replace(/--.*$/gm, '')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
  await database.batch(statements.map((statement) => database.prepare(statement)));
  const publish = spawnSync(
    process.execPath,
    [
      'src/builder/cli.ts',
      'publish',
      '--url',
      origin,
      '--base-url',
      'https://news.example.com',
      '--content',
      content,
      '--cache',
      join(scratch, 'cache'),
    ],
    { cwd: root, env: { ...process.env, PUBLISH_TOKEN: publishToken }, encoding: 'utf8', timeout: 120_000 },
  );
  if (publish.status !== 0) throw new Error(`publish failed:\n${publish.stdout}${publish.stderr}`);
});

afterAll(async () => {
  await miniflare?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

const withKey = { Authorization: `Bearer ${partnerKey}` };

/** What the load asks for: lists, articles (their shards), the changes log public and keyed, a partner copy, search. */
const routes: readonly { readonly path: string; readonly headers?: Record<string, string> }[] = [
  { path: '/rss.xml' },
  { path: '/articles/sco-digital-link' },
  { path: '/api/v1/changes', headers: withKey },
  { path: '/api/v1/changes' },
  { path: '/search.json?q=digital' },
  { path: '/' },
  { path: '/articles/story-7' },
  { path: '/articles/story-41.ninjs.json' },
  { path: '/api/v1/articles/story-12', headers: withKey },
  { path: '/api/v1/changes?limit=5', headers: withKey },
];

interface LoadResult {
  /** `<status> <path>` of every answer a client waited for. */
  readonly answers: string[];
  /** Requests the client gave up on (aborted) before the answer. */
  readonly aborted: number;
  /** Requests that failed otherwise: no answer within 10 s, or the connection lost. */
  readonly failed: string[];
}

/** `clients` loops sending the routes in turn for `ms`; every seventh request is aborted after 0–2 ms. */
async function load(clients: number, ms: number): Promise<LoadResult> {
  const answers: string[] = [];
  const failed: string[] = [];
  let aborted = 0;
  let sent = 0;
  const until = Date.now() + ms;
  const client = async () => {
    while (Date.now() < until) {
      const n = sent++;
      const route = routes[n % routes.length] as (typeof routes)[number];
      const giveUp = new AbortController();
      const abandon = n % 7 === 3;
      if (abandon) setTimeout(() => giveUp.abort(), n % 3);
      try {
        const response = await fetch(`${origin}${route.path}`, {
          headers: route.headers ?? {},
          signal: AbortSignal.any([giveUp.signal, AbortSignal.timeout(10_000)]),
        });
        await response.arrayBuffer();
        answers.push(`${response.status} ${route.path}`);
      } catch (error) {
        if (abandon && giveUp.signal.aborted) aborted++;
        else failed.push(`${route.path}: ${String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { answers, aborted, failed };
}

const crossRequest = /Cannot perform I\/O on behalf of a different request|never generate a response/;

describe('many requests at once in one isolate', () => {
  it('answers every route without a 5xx, cold isolate caches first, then warm, with clients giving up', async () => {
    const cold = await load(16, 3_000);
    // Past the freshness interval, then the isolate is hot: its code optimized, its caches full.
    await new Promise((done) => setTimeout(done, 300));
    const warm = await load(16, 6_000);
    for (const [phase, result] of Object.entries({ cold, warm })) {
      const statuses = new Map<string, number>();
      for (const answer of result.answers) statuses.set(answer, (statuses.get(answer) ?? 0) + 1);
      const errors = [...statuses].filter(([answer]) => answer.startsWith('5'));
      expect(errors, `${phase}: ${JSON.stringify([...statuses])}`).toEqual([]);
      expect(result.failed.slice(0, 5), phase).toEqual([]);
      expect(result.answers.length, phase).toBeGreaterThan(routes.length * 10);
      expect(result.aborted, `${phase}: some clients gave up mid-request`).toBeGreaterThan(0);
      expect(new Set(result.answers.map((answer) => answer.slice(0, 3))), phase).toEqual(new Set(['200']));
    }
    expect(logged.filter((line) => crossRequest.test(line)).slice(0, 3)).toEqual([]);
  });
});
