/**
 * The bench's bare-workerd topology, each part in its own process so only the Worker's own work is billed to it:
 * the edge cache (cache-worker.js, warm and always-miss), the ASSETS service (assets-worker.js over workerd's
 * `disk` service), and Workers bound to both, as wrangler.toml binds wirefeed at Cloudflare.
 */
import { join } from 'node:path';
import { type Server, spawnWorkerd, startWorkerd, type WorkerSpec } from './workerd.ts';

export interface CacheServer extends Server {
  /** 127.0.0.1:port of a Cache API service that keeps what it is given (hits after the first request). */
  readonly memory: string;
  /** 127.0.0.1:port of a Cache API service that never holds anything (every lookup a miss). */
  readonly miss: string;
}

export async function startCache(
  root: string,
  dir: string,
  date: string,
  ports: [number, number],
): Promise<CacheServer> {
  const module = join(root, 'bench', 'cache-worker.js');
  const [memoryPort, missPort] = ports;
  const server = await startWorkerd(root, join(dir, 'cache.capnp'), 'cache', [
    { name: 'memory', module, compatibilityDate: date, port: memoryPort, bindings: { MODE: 'memory' } },
    { name: 'miss', module, compatibilityDate: date, port: missPort, bindings: { MODE: 'miss' } },
  ]);
  return { ...server, memory: `127.0.0.1:${memoryPort}`, miss: `127.0.0.1:${missPort}` };
}

/** Serves `assetsDir` at 127.0.0.1:port as Workers Static Assets would answer the ASSETS binding. */
export async function startAssets(
  root: string,
  dir: string,
  name: string,
  date: string,
  assetsDir: string,
  port: number,
): Promise<Server & { readonly address: string }> {
  const server = await startWorkerd(root, join(dir, `${name}.capnp`), name, [
    {
      name,
      module: join(root, 'bench', 'assets-worker.js'),
      compatibilityDate: date,
      port,
      services: { DISK: { disk: assetsDir } },
    },
  ]);
  return { ...server, address: `127.0.0.1:${port}` };
}

/** A Worker spec bound as wirefeed is: `ASSETS` (service binding) and `caches.default`. */
export function boundWorker(
  name: string,
  module: string,
  date: string,
  port: number,
  cacheAddress: string,
  assetsAddress: string,
  bindings?: Readonly<Record<string, string>>,
): WorkerSpec {
  return {
    name,
    module,
    compatibilityDate: date,
    port,
    cacheAddress,
    services: { ASSETS: { external: assetsAddress } },
    ...(bindings ? { bindings } : {}),
  };
}

/**
 * Proves the ASSETS binding behaves as wirefeed expects, through a Worker's `env.ASSETS.fetch`: an existing
 * file is 200 with its bytes, a missing one is 404. Runs in a throwaway workerd process.
 */
export async function probeAssets(
  root: string,
  dir: string,
  date: string,
  assetsAddress: string,
  port: number,
  present: string,
): Promise<Record<string, string>> {
  const spec: WorkerSpec = {
    name: 'probe',
    module: join(root, 'bench', 'assets-probe.js'),
    compatibilityDate: date,
    port,
    services: { ASSETS: { external: assetsAddress } },
  };
  const server = await startWorkerd(root, join(dir, 'probe.capnp'), 'probe', [spec]);
  try {
    const answers: Record<string, string> = {};
    for (const path of [present, 'articles/999999.json', 'lists/rss/999999.json']) {
      answers[path] = await (await fetch(`http://127.0.0.1:${port}/?path=${encodeURIComponent(path)}`)).text();
    }
    if (!answers[present]?.startsWith('200 ') || answers[present]?.startsWith('200 0 '))
      throw new Error(`env.ASSETS.fetch(${present}): ${answers[present]}`);
    for (const [path, answer] of Object.entries(answers)) {
      if (path !== present && !answer.startsWith('404 '))
        throw new Error(`env.ASSETS.fetch(${path}): ${answer}, not 404`);
    }
    return answers;
  } finally {
    await server.stop();
  }
}

/**
 * Spawns workerd and times spawn → first 200 of `GET url` (polled every millisecond), the wall time a
 * cold start costs; then calls `atFirstResponse` (e.g. to read the heap) before stopping the process.
 */
export async function timeToFirstResponse<T>(
  root: string,
  configPath: string,
  specs: readonly WorkerSpec[],
  url: string,
  extraArgs: readonly string[] = [],
  atFirstResponse?: (pid: number) => Promise<T>,
): Promise<{ readonly ms: number; readonly extra?: T }> {
  const started = performance.now();
  const spawned = spawnWorkerd(root, configPath, specs, extraArgs);
  try {
    for (;;) {
      if (spawned.child.exitCode !== null) throw new Error(`workerd exited:\n${spawned.stderr()}`);
      if (performance.now() - started > 30_000) throw new Error(`no answer from ${url} in 30 s:\n${spawned.stderr()}`);
      const status = await fetch(url).then(
        async (response) => {
          await response.arrayBuffer();
          return response.status;
        },
        () => 0,
      );
      if (status === 200) break;
      if (status !== 0) throw new Error(`${url}: HTTP ${status}:\n${spawned.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const ms = performance.now() - started;
    const extra = atFirstResponse ? await atFirstResponse(spawned.pid) : undefined;
    return extra === undefined ? { ms } : { ms, extra };
  } finally {
    await spawned.stop();
  }
}
