/** Bare workerd for the bench: capnp configs, spawning the real binary (its PID is the server), CPU from /proc. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { basename, dirname, join } from 'node:path';

/** The workerd executable itself (node_modules/workerd/bin/workerd is the ELF binary, no wrapper). */
export function workerdBinary(root: string): string {
  const require = createRequire(join(root, 'package.json'));
  return join(dirname(require.resolve('workerd/package.json')), 'bin', 'workerd');
}

export function workerdVersion(root: string): string {
  return execFileSync(workerdBinary(root), ['--version'], { encoding: 'utf8' }).trim();
}

/** What a service binding points at: an HTTP service in another process, or a folder served by this one. */
export type ServiceTarget = { readonly external: string } | { readonly disk: string };

export interface WorkerSpec {
  readonly name: string;
  /** Absolute path of the ES module bundle. */
  readonly module: string;
  readonly compatibilityDate: string;
  /** The 127.0.0.1 port the worker listens on (none: reachable only through another worker's binding). */
  readonly port: number;
  /** `127.0.0.1:<port>` of an HTTP service that implements the Cache API (cache-worker.js). */
  readonly cacheAddress?: string;
  /** Text bindings. */
  readonly bindings?: Readonly<Record<string, string>>;
  /** Service bindings, e.g. `ASSETS: { external: '127.0.0.1:8790' }` or `DISK: { disk: '/abs/folder' }`. */
  readonly services?: Readonly<Record<string, ServiceTarget>>;
}

/** A capnp constant name for a service name: camelCase, letters and digits only (`assets-200` → `wAssets200Worker`). */
const constantName = (name: string): string =>
  `w${name.replace(/(?:^|[^A-Za-z0-9]+)([A-Za-z0-9]?)/g, (_, next: string) => next.toUpperCase())}Worker`;

/** One workerd config serving every spec on its own 127.0.0.1 socket; modules are embedded from `<name>-<file>` next to it. */
export function capnpConfig(specs: readonly WorkerSpec[]): string {
  const services: string[] = [];
  const sockets: string[] = [];
  const workers: string[] = [];
  for (const spec of specs) {
    services.push(`(name = "${spec.name}", worker = .${constantName(spec.name)})`);
    sockets.push(
      `(name = "${spec.name}-http", address = "127.0.0.1:${spec.port}", http = (), service = "${spec.name}")`,
    );
    if (spec.cacheAddress !== undefined) {
      services.push(`(name = "${spec.name}-cache", external = (address = "${spec.cacheAddress}", http = ()))`);
    }
    const bindings = Object.entries(spec.bindings ?? {}).map(([name, text]) => `(name = "${name}", text = "${text}")`);
    for (const [binding, target] of Object.entries(spec.services ?? {})) {
      const service = `${spec.name}-${binding}`;
      services.push(
        'external' in target
          ? `(name = "${service}", external = (address = "${target.external}", http = ()))`
          : `(name = "${service}", disk = (path = ${JSON.stringify(target.disk)}, writable = false))`,
      );
      bindings.push(`(name = "${binding}", service = "${service}")`);
    }
    workers.push(`const ${constantName(spec.name)} :Workerd.Worker = (
  modules = [(name = "${basename(spec.module)}", esModule = embed "${spec.name}-${basename(spec.module)}")],
  compatibilityDate = "${spec.compatibilityDate}",
  bindings = [${bindings.join(', ')}],${spec.cacheAddress !== undefined ? `\n  cacheApiOutbound = "${spec.name}-cache",` : ''}
);`);
  }
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    ${services.join(',\n    ')}
  ],
  sockets = [
    ${sockets.join(',\n    ')}
  ],
);
${workers.join('\n')}
`;
}

export interface Server {
  readonly name: string;
  readonly pid: number;
  readonly ports: readonly number[];
  stop(): Promise<void>;
}

export interface SpawnedWorkerd {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything workerd wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/** Writes the config (modules copied next to it: capnp `embed` reads paths relative to the config) and spawns workerd. */
export function spawnWorkerd(
  root: string,
  configPath: string,
  specs: readonly WorkerSpec[],
  extraArgs: readonly string[] = [],
): SpawnedWorkerd {
  for (const spec of specs)
    copyFileSync(spec.module, join(dirname(configPath), `${spec.name}-${basename(spec.module)}`));
  writeFileSync(configPath, capnpConfig(specs));
  const child: ChildProcess = spawn(workerdBinary(root), ['serve', configPath, ...extraArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the start and the latest lines: enough to diagnose, bounded when a worker logs on every request.
    stderr = stderr.length > 20_000 ? `${stderr.slice(0, 10_000)}\n…\n${chunk.toString()}` : stderr + chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid === undefined) throw new Error(`workerd ${configPath} did not start`);
  return {
    child,
    pid: child.pid,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Starts `workerd serve` on a config and waits until every port accepts connections. */
export async function startWorkerd(
  root: string,
  configPath: string,
  name: string,
  specs: readonly WorkerSpec[],
  extraArgs: readonly string[] = [],
): Promise<Server> {
  const spawned = spawnWorkerd(root, configPath, specs, extraArgs);
  const ports = specs.map((spec) => spec.port);
  const deadline = Date.now() + 30_000;
  for (const port of ports) {
    while (!(await accepts(port))) {
      if (spawned.child.exitCode !== null || Date.now() > deadline) {
        await spawned.stop();
        throw new Error(`workerd ${name} did not listen on ${port}:\n${spawned.stderr()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const name_ = processName(spawned.pid);
  if (name_ !== 'workerd') {
    await spawned.stop();
    throw new Error(`PID ${spawned.pid} of ${name} is "${name_}", not workerd`);
  }
  return { name, pid: spawned.pid, ports, stop: spawned.stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

let clockTicks: number | undefined;

export function clockTicksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return clockTicks;
}

/** Seconds of CPU (user + system, every thread) the process has used: /proc/<pid>/stat fields 14 and 15. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Field 2 (comm) is parenthesized and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) is fields[12].
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond();
}

/** Resident set size of the process in bytes (/proc/<pid>/status VmRSS). */
export function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? Number.NaN) * 1024;
}

/** The process name, to prove the PID is workerd's own and not a wrapper's. */
export function processName(pid: number): string {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}

/** A free TCP port on 127.0.0.1 (the OS picks it; it is released before use). */
export function freePort(): Promise<number> {
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
