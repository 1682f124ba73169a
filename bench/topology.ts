/**
 * The bench's local Cloudflare: one Miniflare (the simulator wrangler dev runs) and so one workerd process, holding
 * wirefeed's Workers and the floors side by side, with R2, D1 and the Cache API persisted to a scratch folder. Each
 * Worker listens on its own 127.0.0.1 port (a direct socket, no Miniflare entry Worker in front). wirefeed's Workers
 * get the bindings wrangler dev derives from wrangler.toml (unstable_getMiniflareWorkerOptions), pointed at the
 * bucket and database each bench archive has.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { compatibilityDate } from './bundle.ts';
import { childProcesses } from './proc.ts';

/** The publish token every bench wirefeed Worker is given (the endpoint wants at least 16 characters). */
export const benchPublishToken = 'wirefeed-bench-publish-token';

export interface WorkerSpec {
  readonly name: string;
  /** The bundled module (wrangler deploy --dry-run output). */
  readonly bundle: string;
  /** Gets wirefeed's bindings from wrangler.toml (R2, D1, queue, rate limit, vars) and the publish token. */
  readonly wirefeed?: boolean;
  /** The R2 bucket bound as ARCHIVE. */
  readonly archive?: string;
  /** The D1 database bound as SEARCH. */
  readonly search?: string;
  /** The Cache API: false makes every lookup a miss and every store a no-op. @default true */
  readonly edgeCache?: boolean;
  /** Variables (text or JSON) over wrangler.toml's [vars]. */
  readonly vars?: Readonly<Record<string, unknown>>;
}

export interface Topology {
  /** `http://127.0.0.1:<port>` of a Worker. */
  readonly origins: Readonly<Record<string, string>>;
  /** The workerd process every Worker runs in: its CPU is what the loads measure. */
  readonly pid: number;
  readonly miniflare: Miniflare;
  stop(): Promise<void>;
}

/** Partner keys get far more than the 600 requests a minute of wrangler.toml: a load run sends thousands. */
const benchRateLimit = { limit: 1_000_000_000, period: 60 as const };

/** What wrangler dev binds from wrangler.toml that the bench keeps: vars, R2, D1, the queue producer, the rate limit. */
const keptOptions = ['bindings', 'compatibilityFlags', 'r2Buckets', 'd1Databases', 'queueProducers', 'ratelimits'];

function wranglerOptions(root: string): Record<string, unknown> {
  const derived = unstable_getMiniflareWorkerOptions(join(root, 'wrangler.toml')).workerOptions as Record<
    string,
    unknown
  >;
  return Object.fromEntries(keptOptions.map((name) => [name, derived[name]]));
}

function workerOptions(root: string, spec: WorkerSpec): Record<string, unknown> {
  const base = spec.wirefeed ? wranglerOptions(root) : {};
  return {
    ...base,
    name: spec.name,
    modules: true,
    scriptPath: spec.bundle,
    modulesRoot: dirname(spec.bundle),
    compatibilityDate: compatibilityDate(root),
    bindings: {
      ...(base.bindings as Record<string, unknown> | undefined),
      ...(spec.wirefeed ? { PUBLISH_TOKEN: benchPublishToken } : {}),
      ...spec.vars,
    },
    ...(spec.archive ? { r2Buckets: { ARCHIVE: spec.archive } } : {}),
    ...(spec.search ? { d1Databases: { SEARCH: spec.search } } : {}),
    ...(spec.wirefeed ? { ratelimits: { PARTNER_RATE_LIMIT: { namespace_id: '1001', simple: benchRateLimit } } } : {}),
    cacheAPI: spec.edgeCache !== false,
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
  };
}

export async function startTopology(options: {
  readonly root: string;
  /** R2, D1 and the Cache API persist here: a second topology over it sees the same archives. */
  readonly persistDir: string;
  readonly workers: readonly WorkerSpec[];
}): Promise<Topology> {
  const before = new Set(childProcesses(process.pid, 'workerd'));
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      resourcePersistencePath: options.persistDir,
      // The Workers' own lines (a partner request log per keyed request) would flood the bench's output: only
      // warnings and errors are shown, on stderr.
      handleStructuredLogs: ({ level, message }: { level: string; message: string }) => {
        if (level === 'error' || level === 'warn') process.stderr.write(`[workerd ${level}] ${message}\n`);
      },
      workers: options.workers.map((spec) => workerOptions(options.root, spec)),
    } as unknown as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  try {
    await miniflare.ready;
    const origins: Record<string, string> = {};
    for (const { name } of options.workers)
      origins[name] = (await miniflare.unsafeGetDirectURL(name)).origin.replace('localhost', '127.0.0.1');
    const spawned = childProcesses(process.pid, 'workerd').filter((pid) => !before.has(pid));
    if (spawned.length !== 1) throw new Error(`expected one new workerd process, found ${spawned.length}`);
    return { origins, pid: spawned[0] as number, miniflare, stop: () => miniflare.dispose() };
  } catch (error) {
    await miniflare.dispose();
    throw error;
  }
}

/** The search index's tables in a bench D1 (what `wrangler d1 migrations apply --local` does for npm run dev). */
export async function applySearchMigrations(root: string, topology: Topology, worker: string): Promise<void> {
  const database = await topology.miniflare.getD1Database('SEARCH', worker);
  const sql = readFileSync(join(root, 'migrations', 'search', '0001_search_index.sql'), 'utf8').replace(/--.*$/gm, '');
  const statements = sql
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter(Boolean);
  await database.batch(statements.map((statement) => database.prepare(statement)));
}

/** Objects and bytes stored in a Worker's ARCHIVE bucket. */
export async function bucketUsage(topology: Topology, worker: string): Promise<{ objects: number; bytes: number }> {
  const bucket = await topology.miniflare.getR2Bucket('ARCHIVE', worker);
  let cursor: string | undefined;
  const usage = { objects: 0, bytes: 0 };
  do {
    const page = await bucket.list({ limit: 1000, ...(cursor ? { cursor } : {}) });
    for (const object of page.objects) {
      usage.objects++;
      usage.bytes += object.size;
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return usage;
}

/** The workerd release Miniflare runs. */
export function workerdVersion(root: string): string {
  const require = createRequire(join(root, 'node_modules', 'miniflare', 'package.json'));
  const binary = join(dirname(require.resolve('workerd/package.json')), 'bin', 'workerd');
  return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
}
