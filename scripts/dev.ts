/** `npm run dev`: builds content/, runs `wrangler dev` offline, and rebuilds whenever content/ changes. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const port = portFrom(args) ?? '8787';
const baseUrl = `http://localhost:${port}`;
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false', // no telemetry
  CLOUDFLARE_CF_FETCH_ENABLED: 'false', // offline: no fetch of request.cf data, no warning about it
};

/**
 * Runs the build; on bad content or a failed write it prints why, and the last good build keeps being served
 * (the build swaps in assets and manifest together or not at all, so wrangler never reloads half a build).
 */
function build(): boolean {
  const result = spawnSync(process.execPath, ['src/prerender/cli.ts', '--base-url', baseUrl], {
    stdio: 'inherit',
    env,
  });
  if (result.status === 0) return true;
  const why = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
  console.error(`wirefeed: the build failed (${why}, reasons above); still serving the last good build`);
  return false;
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

if (!build() && !hasLastBuild()) {
  console.error('wirefeed: no earlier build to serve; fix the problems above and run `npm run dev` again');
  process.exit(1);
}

const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin',
  'wrangler.js',
);
const portArgs = portFrom(args) ? [] : ['--port', port];
let wrangler = startWrangler();
let stopping = false;
let restarts: number[] = [];

/** wrangler dev, restarted when it exits on its own (a reload it refused): the last good build comes back up. */
function startWrangler(): ChildProcess {
  const child = spawn(process.execPath, [wranglerBin, 'dev', ...portArgs, ...args], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => {
    if (stopping) {
      watcher.close();
      process.exit(code ?? 0);
    }
    const now = Date.now();
    restarts = [...restarts.filter((at) => now - at < 60_000), now];
    if (restarts.length > 5) {
      console.error('wirefeed: wrangler dev exited 5 times within a minute; giving up (see its messages above)');
      watcher.close();
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

// wrangler reloads the Worker when src/generated/site-manifest.js changes; we rewrite it when content/ changes.
let pending: NodeJS.Timeout | undefined;
const watcher = watch('content', { recursive: true }, () => {
  clearTimeout(pending);
  pending = setTimeout(() => {
    console.log('wirefeed: content changed, rebuilding…');
    build();
  }, 150);
});

const stop = (signal: NodeJS.Signals) => {
  stopping = true;
  watcher.close();
  wrangler.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
