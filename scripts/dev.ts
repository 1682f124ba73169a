/** `npm run dev`: builds content/, runs `wrangler dev` offline, and rebuilds whenever content/ changes. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
let stopping = false;
const port = portFrom(args) ?? '8787';
const baseUrl = `http://localhost:${port}`;
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false', // no telemetry
  CLOUDFLARE_CF_FETCH_ENABLED: 'false', // offline: no fetch of request.cf data, no warning about it
};

/**
 * One long-lived build process (`cli.ts --watch`) builds now and again on every change under content/, keeping
 * its code, threads and cache indexes loaded, so a save costs the rebuild of what changed. On bad content or a
 * failed write it prints why, and the last good build keeps being served (only whole builds are published, so
 * wrangler never reloads half a build). Each build's exit status comes back over IPC.
 */
function startBuilder(onBuilt: (ok: boolean) => void): ChildProcess {
  const child = spawn(process.execPath, ['src/builder/cli.ts', '--base-url', baseUrl, '--watch'], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env,
  });
  child.on('message', (message: { built?: number }) => {
    if (message.built === undefined) return;
    if (message.built !== 0)
      console.error(
        `wirefeed: the build failed (exit code ${message.built}, reasons above); still serving the last good build`,
      );
    onBuilt(message.built === 0);
  });
  return child;
}

/** A previous build to serve while content/ is broken. */
function hasLastBuild(): boolean {
  return existsSync('src/generated/site-manifest.js') && existsSync('build/assets');
}

function portFrom(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--port') return argv[index + 1];
    if (arg.startsWith('--port=')) return arg.slice('--port='.length);
  }
  return undefined;
}

let firstBuild: ((ok: boolean) => void) | undefined;
const firstBuilt = new Promise<boolean>((resolve) => {
  firstBuild = resolve;
});
let builder = keepBuilding();

/** The build process, started again (after 1 s) if it ever ends on its own. */
function keepBuilding(): ChildProcess {
  const child = startBuilder((ok) => {
    firstBuild?.(ok);
    firstBuild = undefined;
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    if (firstBuild) {
      firstBuild(false);
      firstBuild = undefined;
    }
    console.error(`wirefeed: the build process exited (${signal ?? `code ${code}`}); starting it again in 1 s`);
    setTimeout(() => {
      builder = keepBuilding();
    }, 1000);
  });
  return child;
}

if (!(await firstBuilt) && !hasLastBuild()) {
  console.error('wirefeed: no earlier build to serve; fix the problems above and run `npm run dev` again');
  stopping = true;
  builder.kill();
  process.exit(1);
}

const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin',
  'wrangler.js',
);
const portArgs = portFrom(args) ? [] : ['--port', port];
let wrangler = startWrangler();
let restarts: number[] = [];

/** wrangler dev, restarted when it exits on its own (a reload it refused): the last good build comes back up. */
function startWrangler(): ChildProcess {
  const child = spawn(process.execPath, [wranglerBin, 'dev', ...portArgs, ...args], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => {
    if (stopping) {
      builder.kill();
      process.exit(code ?? 0);
    }
    const now = Date.now();
    restarts = [...restarts.filter((at) => now - at < 60_000), now];
    if (restarts.length > 5) {
      console.error('wirefeed: wrangler dev exited 5 times within a minute; giving up (see its messages above)');
      stopping = true;
      builder.kill();
      process.exit(code ?? 1);
    }
    console.error(
      `wirefeed: wrangler dev exited (${signal ?? `code ${code}`}); restarting it on the last good build in 1 s`,
    );
    setTimeout(() => {
      wrangler = startWrangler();
    }, 1000);
  });
  return child;
}

// wrangler reloads the Worker when src/generated/site-manifest.js (or a file in build/assets) changes.

const stop = (signal: NodeJS.Signals) => {
  stopping = true;
  builder.kill(signal);
  wrangler.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
