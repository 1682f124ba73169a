/** `npm run dev`: builds content/, runs `wrangler dev` offline, and rebuilds whenever content/ changes. */
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
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

/** Runs the build; on bad content it prints every problem and the last good build keeps being served. */
function build(): boolean {
  const result = spawnSync(process.execPath, ['src/catalog/cli.ts', '--base-url', baseUrl], { stdio: 'inherit', env });
  return result.status === 0;
}

function portFrom(argv: readonly string[]): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--port') return argv[index + 1];
    if (arg.startsWith('--port=')) return arg.slice('--port='.length);
  }
  return undefined;
}

if (!build()) process.exit(1);

const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin',
  'wrangler.js',
);
const portArgs = portFrom(args) ? [] : ['--port', port];
const wrangler = spawn(process.execPath, [wranglerBin, 'dev', ...portArgs, ...args], { stdio: 'inherit', env });

// wrangler reloads the Worker when src/generated/site-build.js changes; we rewrite it when content/ changes.
let pending: NodeJS.Timeout | undefined;
const watcher = watch('content', { recursive: true }, () => {
  clearTimeout(pending);
  pending = setTimeout(() => {
    console.log('wirefeed: content changed, rebuilding…');
    build();
  }, 150);
});

const stop = (signal: NodeJS.Signals) => {
  watcher.close();
  wrangler.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
wrangler.on('exit', (code) => {
  watcher.close();
  process.exit(code ?? 0);
});
