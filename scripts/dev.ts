/**
 * `npm run dev`: runs `wrangler dev` offline (the Worker with local R2), then a long-lived publisher that builds
 * content/ and publishes it through the Worker's own /api/publish/ — the path production takes — and again on
 * every save. The Worker is never reloaded for content: a save is live as soon as its publish switches.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** `--content DIR` and `--cache DIR` are the publisher's; every other argument goes to wrangler dev. */
const { contentDir, cacheDir, args } = splitArgs(process.argv.slice(2));
let stopping = false;
const port = portFrom(args) ?? '8787';
/** `--persist-to DIR` (wrangler's) also says where the local D1 lives, for the migrations. */
const persistTo = flagValue(args, '--persist-to');
const origin = `http://localhost:${port}`;
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false', // no telemetry
  CLOUDFLARE_CF_FETCH_ENABLED: 'false', // offline: no fetch of request.cf data, no warning about it
};

/** .dev.vars holds the local secrets wrangler dev gives the Worker; made once, with a random publish token, never committed. */
function devToken(): string {
  const file = '.dev.vars';
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const found = /^PUBLISH_TOKEN\s*=\s*"?([^"\n]+)"?\s*$/m.exec(text)?.[1];
  if (found) return found;
  const token = randomBytes(32).toString('hex');
  const lines = [
    '# Local secrets for `wrangler dev` (written by `npm run dev`; git-ignored, never committed).',
    `PUBLISH_TOKEN=${token}`,
    '# Webhooks may go to http://127.0.0.1 locally; production refuses anything but https to a public host.',
    'ALLOW_LOCAL_WEBHOOKS=1',
  ];
  writeFileSync(file, `${text}${text && !text.endsWith('\n') ? '\n' : ''}${lines.join('\n')}\n`);
  console.error('wirefeed: wrote .dev.vars with a new random PUBLISH_TOKEN');
  return token;
}

function flagValue(argv: readonly string[], flag: string): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === flag) return argv[index + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

function portFrom(argv: readonly string[]): string | undefined {
  return flagValue(argv, '--port');
}

/** Our own flags (`--content DIR`, `--cache DIR`: the publisher's), and wrangler dev's (everything else). */
function splitArgs(argv: readonly string[]): { contentDir: string; cacheDir: string; args: string[] } {
  const ours = ['--content', '--cache'];
  const args = argv.filter(
    (arg, index) =>
      !ours.includes(arg) && !ours.includes(argv[index - 1] ?? '') && !ours.some((flag) => arg.startsWith(`${flag}=`)),
  );
  return {
    contentDir: flagValue(argv, '--content') ?? 'content',
    cacheDir: flagValue(argv, '--cache') ?? 'build/.cache',
    args,
  };
}

const token = devToken();
const wranglerBin = join(
  dirname(createRequire(import.meta.url).resolve('wrangler/package.json')),
  'bin',
  'wrangler.js',
);

/** The local search index (D1) gets its tables before wrangler dev starts: `wrangler d1 migrations apply --local`. */
function applyMigrations(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        wranglerBin,
        'd1',
        'migrations',
        'apply',
        'wirefeed-search',
        '--local',
        ...(persistTo ? ['--persist-to', persistTo] : []),
      ],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...env, CI: 'true' }, // no confirmation prompt
      },
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`applying the search index migrations failed (exit code ${code})`)),
    );
  });
}

await applyMigrations();
const portArgs = portFrom(args) ? [] : ['--port', port];
// wrangler dev runs no Cron Trigger by itself; with this flag its /__scheduled route does, and cronEveryMinute calls it.
const scheduledArgs = args.includes('--test-scheduled') ? [] : ['--test-scheduled'];
let wrangler = startWrangler();
let restarts: number[] = [];
let publisher: ChildProcess | undefined;

/** wrangler dev, restarted when it exits on its own: the archive in .wrangler/state keeps the last version live. */
function startWrangler(): ChildProcess {
  const child = spawn(process.execPath, [wranglerBin, 'dev', ...portArgs, ...scheduledArgs, ...args], {
    stdio: 'inherit',
    env,
  });
  child.on('exit', (code, signal) => {
    if (stopping) {
      publisher?.kill();
      process.exit(code ?? 0);
    }
    const now = Date.now();
    restarts = [...restarts.filter((at) => now - at < 60_000), now];
    if (restarts.length > 5) {
      console.error('wirefeed: wrangler dev exited 5 times within a minute; giving up (see its messages above)');
      stopping = true;
      publisher?.kill();
      process.exit(code ?? 1);
    }
    console.error(`wirefeed: wrangler dev exited (${signal ?? `code ${code}`}); restarting it in 1 s`);
    setTimeout(() => {
      wrangler = startWrangler();
    }, 1000);
  });
  return child;
}

/** Waits until the Worker answers its publish endpoint (wrangler dev has bundled it and the local R2 is up). */
async function workerReady(): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      const response = await fetch(`${origin}/api/publish/live`, { headers: { Authorization: `Bearer ${token}` } });
      if (response.status === 200) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the Worker did not answer at ${origin} within two minutes`);
}

/** The publisher: one process for every publish (its caches and threads stay warm); started again if it ends. */
function startPublisher(): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      'src/builder/cli.ts',
      'publish',
      '--watch',
      '--url',
      origin,
      '--base-url',
      origin,
      '--content',
      contentDir,
      '--cache',
      cacheDir,
    ],
    { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...env, PUBLISH_TOKEN: token } },
  );
  child.on('message', (message: { built?: number }) => {
    if (message.built !== undefined && message.built !== 0)
      console.error('wirefeed: the publish failed (reasons above); the last good version stays live');
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`wirefeed: the publisher exited (${signal ?? `code ${code}`}); starting it again in 1 s`);
    setTimeout(() => {
      publisher = startPublisher();
    }, 1000);
  });
  return child;
}

/**
 * The production Cron Trigger (`* * * * *`), locally: at the start of every minute the Worker's scheduled handler
 * runs, so a release announces itself (WebSub, partner webhooks) in `npm run dev` as it would in production.
 */
function cronEveryMinute(): void {
  const tick = async () => {
    try {
      const response = await fetch(`${origin}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
      if (!response.ok) console.error(`wirefeed: the local Cron Trigger answered ${response.status}`);
    } catch {} // wrangler dev restarting: the next minute runs it
    setTimeout(tick, 60_000 - (Date.now() % 60_000));
  };
  setTimeout(tick, 60_000 - (Date.now() % 60_000));
}

await workerReady();
cronEveryMinute();
publisher = startPublisher();

const stop = (signal: NodeJS.Signals) => {
  stopping = true;
  publisher?.kill(signal);
  wrangler.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
