/** Bare workerd for the bench: capnp configs, spawning the real binary (its PID is the server), CPU from /proc. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { basename, dirname, join } from 'node:path';

/** The workerd executable itself (node_modules/workerd/bin/workerd is the ELF binary, no wrapper). */
export function workerdBinary(root: string): string {
  const require = createRequire(join(root, 'package.json'));
  return join(dirname(require.resolve('workerd/package.json')), 'bin', 'workerd');
}

export function workerdVersion(root: string): string {
  return execFileSync(workerdBinary(root), ['--version'], { encoding: 'utf8' }).trim();
}

export interface WorkerSpec {
  readonly name: string;
  /** Absolute path of the ES module bundle. */
  readonly module: string;
  readonly compatibilityDate: string;
  readonly port: number;
  /** `127.0.0.1:<port>` of an HTTP service that implements the Cache API (cache-worker.js). */
  readonly cacheAddress?: string;
  readonly bindings?: Readonly<Record<string, string>>;
}

/** One workerd config serving every spec on its own 127.0.0.1 socket; modules are embedded from `<name>-<file>` next to it. */
export function capnpConfig(specs: readonly WorkerSpec[]): string {
  const services: string[] = [];
  const sockets: string[] = [];
  const workers: string[] = [];
  for (const spec of specs) {
    services.push(`(name = "${spec.name}", worker = .${spec.name}Worker)`);
    sockets.push(
      `(name = "${spec.name}-http", address = "127.0.0.1:${spec.port}", http = (), service = "${spec.name}")`,
    );
    if (spec.cacheAddress !== undefined) {
      services.push(`(name = "${spec.name}-cache", external = (address = "${spec.cacheAddress}", http = ()))`);
    }
    const bindings = Object.entries(spec.bindings ?? {}).map(([name, text]) => `(name = "${name}", text = "${text}")`);
    workers.push(`const ${spec.name}Worker :Workerd.Worker = (
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

/** Starts `workerd serve` on a config and waits until every port accepts connections. */
export async function startWorkerd(
  root: string,
  configPath: string,
  name: string,
  specs: readonly WorkerSpec[],
): Promise<Server> {
  // capnp `embed` reads paths relative to the config file: each module is copied next to it.
  for (const spec of specs)
    copyFileSync(spec.module, join(dirname(configPath), `${spec.name}-${basename(spec.module)}`));
  writeFileSync(configPath, capnpConfig(specs));
  const child: ChildProcess = spawn(workerdBinary(root), ['serve', configPath], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid === undefined) throw new Error(`workerd ${name} did not start`);
  const ports = specs.map((spec) => spec.port);
  const deadline = Date.now() + 15_000;
  for (const port of ports) {
    while (!(await accepts(port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`workerd ${name} did not listen on ${port}:\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const pid = child.pid;
  return {
    name,
    pid,
    ports,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
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

/** Seconds of CPU (user + system, every thread) the process has used: /proc/<pid>/stat fields 14 and 15. */
export function cpuSeconds(pid: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Field 2 (comm) is parenthesized and may hold spaces: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) is fields[12].
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

export function clockTicksPerSecond(): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  return clockTicks;
}

/** The process name, to prove the PID is workerd's own and not a wrapper's. */
export function processName(pid: number): string {
  return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
}
