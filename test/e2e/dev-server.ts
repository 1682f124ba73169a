/** `npm run dev` as a newcomer runs it, on a copy of content/ in a scratch folder: start, wait, edit, read, stop. */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface DevServer {
  readonly origin: string;
  /** The scratch folder: content/, cache/, state/. */
  readonly dir: string;
  readonly content: string;
  readonly cache: string;
  /** Everything the dev server printed so far (wrangler's and the publisher's lines). */
  output(): string;
  stop(): Promise<void>;
}

const node = process.execPath;
const root = resolve(import.meta.dirname, '..', '..');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passes; the instant it became true. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return Date.now();
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, everyMs));
  }
}

/** Starts `node scripts/dev.ts` on a free port over a copy of content/; resolves once the seed is served. */
export async function startDevServer(): Promise<DevServer> {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-dev-'));
  const content = join(dir, 'content');
  cpSync(join(root, 'content'), content, { recursive: true });
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  let output = '';
  const child: ChildProcess = spawn(
    node,
    [
      'scripts/dev.ts',
      '--port',
      String(port),
      '--content',
      content,
      '--cache',
      join(dir, 'cache'),
      '--persist-to',
      join(dir, 'state'),
    ],
    { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }, detached: true },
  );
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
      await new Promise((done) => {
        const timer = setTimeout(() => {
          try {
            if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
          } catch {}
          done(undefined);
        }, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          done(undefined);
        });
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await until(async () => (await fetch(`${origin}/articles/sco-digital-link`)).status === 200, 120_000, 250);
  } catch (error) {
    await stop();
    throw new Error(`npm run dev did not serve the seed within two minutes:\n${output.slice(-3000)}`, { cause: error });
  }
  return { origin, dir, content, cache: join(dir, 'cache'), output: () => output, stop };
}

/** The token `npm run dev` keeps in .dev.vars (it writes the file with a random one on its first run). */
export function devToken(): string {
  const token = /^PUBLISH_TOKEN\s*=\s*"?([^"\n]+)"?\s*$/m.exec(readFileSync(join(root, '.dev.vars'), 'utf8'))?.[1];
  if (!token) throw new Error('.dev.vars has no PUBLISH_TOKEN');
  return token;
}

export interface PublishOptions {
  /** The content folder to publish (default: the one the dev server watches). */
  readonly content?: string;
  /** Where the publish endpoint is asked (default: the dev server; a test proxy in front of it). */
  readonly url?: string;
  /** Environment additions, such as WIREFEED_KILL_AT. */
  readonly env?: Record<string, string>;
}

/** `npm run publish` to the dev server, as a separate process with its own cache. */
export async function publish(
  server: DevServer,
  options: PublishOptions = {},
): Promise<{ status: number | null; signal: NodeJS.Signals | null; output: string }> {
  const content = options.content ?? server.content;
  const args = [
    '--url',
    options.url ?? server.origin,
    '--base-url',
    server.origin,
    '--content',
    content,
    '--cache',
    `${content}-cache`,
  ];
  const child = spawn(node, ['src/builder/cli.ts', 'publish', ...args], {
    cwd: root,
    env: { ...process.env, PUBLISH_TOKEN: devToken(), ...options.env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((done) =>
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      done({ status, signal, output });
    }),
  );
}
