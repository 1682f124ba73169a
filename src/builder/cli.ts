/**
 * The command line: `npm run build` (content/ to build/archive/, a local archive), `npm run publish` (to the
 * Worker's /api/publish/, locally `npm run dev`'s, in production the site's), `npm run check` (every file
 * validated, nothing stored). It parses flags, calls runBuild or the target, and prints; the work is elsewhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError, type ContentProblem } from '../content/content-error.ts';
import { formatProblemsPerFile } from '../content/problem-limit.ts';
import { parseSiteConfig } from '../content/site-config.ts';
import { flushArchiveState } from './archive/archive-state-store.ts';
import type { ArchiveTarget } from './archive/archive-target.ts';
import { TargetRefusal } from './archive/archive-target.ts';
import { dirTarget } from './archive/dir-target.ts';
import { httpTarget } from './archive/http-target.ts';
import { nodeCodec } from './archive/node-codec.ts';
import { stageProgress } from './progress.ts';
import { defaultWorkerCount, openBuildPool } from './render/build-pool.ts';
import { rollBack } from './roll-back.ts';
import { type BuildReport, runBuild } from './run-build.ts';
import { watchBuilds } from './watch-builds.ts';

const usage = `usage: node src/builder/cli.ts [publish] [options]
  (no command)      build content/ into a local archive folder (npm run build)
  publish           build and publish through the Worker's /api/publish/ (npm run publish)
  --content DIR     content folder (default: content)
  --archive DIR     the local archive folder of a build (default: build/archive)
  --url URL         the Worker to publish to (default: WIREFEED_PUBLISH_URL, else site.yaml's baseUrl)
  --base-url URL    absolute site URL, overrides site.yaml's baseUrl
  --cache DIR       caches kept between builds: parse, pictures, the archive's state (default: build/.cache)
  --workers N       threads parsing files and rendering articles (default: one per core; 1: all on this thread)
  --rollback        make the version before the live one live again (with publish)
  --collect         after publishing, delete objects no kept version names (older than an hour)
  --reindex         rebuild the search index (D1) from every article, not only what changed
  --watch           stay running and publish again whenever the content folder changes (npm run dev)
  --check           validate every content file and picture, store nothing (npm run check)
  --deploy          refuse to publish for a localhost base URL
The publish token comes from PUBLISH_TOKEN, else from .dev.vars (which npm run dev writes).`;

type Flags = ReturnType<typeof readFlags>;

function readFlags(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      content: { type: 'string', default: 'content' },
      archive: { type: 'string', default: 'build/archive' },
      url: { type: 'string' },
      'base-url': { type: 'string' },
      cache: { type: 'string', default: 'build/.cache' },
      workers: { type: 'string' },
      rollback: { type: 'boolean', default: false },
      collect: { type: 'boolean', default: false },
      reindex: { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      deploy: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (rest.length > 0 || (command !== undefined && command !== 'publish'))
    throw new UsageError(`unknown command ${positionals.join(' ')}`);
  return { ...values, publish: command === 'publish' };
}

/** A command-line mistake: reported on one line, exit status 2. */
class UsageError extends Error {}

/** Progress and every message go to stderr; stdout carries the one-line summary. */
function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Where this run publishes: a folder for `build`, the Worker for `publish`, nothing for `--check`. */
function targetOf(flags: Flags): ArchiveTarget | undefined {
  if (flags.check) return undefined;
  if (!flags.publish) return dirTarget(resolve(flags.archive));
  const base = siteBaseUrl(flags);
  const url = flags.url ?? process.env.WIREFEED_PUBLISH_URL ?? base;
  if (flags.deploy && isLocal(url))
    throw new UsageError(
      `refusing to publish to ${url}: set baseUrl in content/site.yaml (or --url) to the site's public address`,
    );
  // Every link in the archive is made from the base URL: a public site must not link to localhost.
  if (!isLocal(url) && isLocal(base))
    throw new UsageError(
      `refusing to publish to ${url} with links to ${base}: set baseUrl in content/site.yaml (or --base-url) to the site's public address`,
    );
  return httpTarget({ url, token: publishToken() });
}

/** The Worker's address by default: the site's own base URL (the dev server's, http://localhost:8787, out of the box). */
function siteBaseUrl(flags: Flags): string {
  if (flags['base-url']) return flags['base-url'];
  const file = join(flags.content, 'site.yaml');
  const parsed = parseSiteConfig(file, existsSync(file) ? readFileSync(file, 'utf8') : '');
  return parsed.ok ? parsed.site.baseUrl : 'http://localhost:8787';
}

function publishToken(): string {
  const token =
    process.env.PUBLISH_TOKEN ??
    /^PUBLISH_TOKEN\s*=\s*"?([^"\n]+)"?\s*$/m.exec(
      existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : '',
    )?.[1];
  if (!token)
    throw new UsageError(
      'no publish token: set PUBLISH_TOKEN (production) or run npm run dev once (it writes .dev.vars)',
    );
  return token;
}

function isLocal(url: string): boolean {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    throw new UsageError(`${url} is not an http(s) URL`);
  const { hostname } = new URL(url);
  return hostname === 'localhost' || hostname.startsWith('127.') || hostname === '[::1]';
}

/** `--workers N`: a whole number from 1; absent, one per core. */
function workerCount(flag: string | undefined): number {
  if (flag === undefined) return defaultWorkerCount();
  const count = Number(flag);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--workers ${flag}: give a whole number from 1`);
  return count;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;

/** A --watch publisher writes the archive state once saves have paused this long (archive-state-store.ts). */
const stateWriteDelayMs = 3000;

/** One build (or publish, or check); the exit status. */
async function buildOnce(
  flags: Flags,
  pool: ReturnType<typeof openBuildPool> | undefined,
  changed?: ReadonlySet<string>,
): Promise<number> {
  const started = performance.now();
  const target = targetOf(flags);
  const parsing = stageProgress(process.stderr, 'parsed', 'files');
  const rendering = stageProgress(process.stderr, 'rendered', 'articles');
  let lastRender = 0;
  let lastParse = 0;
  const report = await runBuild({
    contentDir: flags.content,
    ...(target ? { target } : {}),
    ...(flags['base-url'] ? { baseUrl: flags['base-url'] } : {}),
    cacheDir: flags.cache,
    ...(pool ? { pool } : {}),
    ...(changed ? { changed } : {}),
    ...(flags.reindex ? { reindex: true } : {}),
    ...(flags.watch ? { stateWriteDelayMs } : {}),
    progress: (stage, done, total) => {
      if (stage === 'parse') {
        lastParse = total;
        parsing.update(done, total);
      } else {
        lastRender = total;
        rendering.update(done, total);
      }
    },
    stageDone: (stage, ms) => {
      if (stage === 'parse') parsing.end(lastParse);
      if (stage === 'render and upload') rendering.end(lastRender);
      log(`wirefeed: ${stage}: ${seconds(ms)}`);
    },
  });
  printReport(report, target, performance.now() - started);
  if (report.indexError) {
    console.error(
      `wirefeed: the version is live, but the search index was not updated (${report.indexError}); the next publish rebuilds it whole`,
    );
    return 1;
  }
  return 0;
}

function printReport(report: BuildReport, target: ArchiveTarget | undefined, ms: number): void {
  printWarnings(report.warnings);
  for (const { file, at } of report.scheduled) log(`wirefeed: ${file}: scheduled for ${new Date(at).toISOString()}`);
  const next = report.scheduled[0];
  if (next) log(`wirefeed: next release: ${new Date(next.at).toISOString()} (${next.file})`);
  const looked =
    report.parsed.changesFrom === 'none'
      ? 'every file looked at'
      : `only what ${report.parsed.changesFrom} said changed looked at`;
  log(
    `wirefeed: parse cache: ${report.parsed.reused} article(s) unchanged, ${report.parsed.parsed} parsed (${looked})`,
  );
  const summary = `${report.articles} article(s) in ${report.contentFiles} file(s), ${report.media.files} picture file(s) (${report.media.encoded} encoded)`;
  if (target === undefined || report.plan === undefined) {
    console.log(`wirefeed: content OK: ${summary}, ${seconds(ms)}`);
    return;
  }
  const { plan, uploaded } = report;
  log(
    `wirefeed: ${plan.rendered} article(s) rendered, ${plan.reused} unchanged; ${plan.pieces.stored} piece(s) stored, ${plan.pieces.reused} reused (state from ${report.previousFrom})`,
  );
  log(
    `wirefeed: uploaded ${uploaded?.objects ?? 0} object(s), ${((uploaded?.bytes ?? 0) / 1024).toFixed(1)} KiB, and ${report.media.uploaded} picture file(s)`,
  );
  console.log(
    `wirefeed: published ${summary} to ${target.name}: version ${report.sequence} (root ${report.root?.slice(0, 12)}), ${seconds(ms)}`,
  );
}

/** Warnings (odd but published) go to stderr, one `file:line: …` line each. */
function printWarnings(warnings: readonly ContentProblem[]): void {
  if (warnings.length === 0) return;
  log(`wirefeed: ${warnings.length} warning(s) in content (a warning never stops the build):`);
  log(formatProblemsPerFile(warnings));
}

/** Prints why a run stopped, in the publisher's words; the exit status. */
function reportFailure(error: unknown): number {
  if (error instanceof ContentError) {
    printWarnings(error.warnings);
    // At most 20 problems a file are printed, then a count of the rest (problem-limit.ts).
    console.error(
      `wirefeed: ${error.problems.length} problem(s) in content — nothing was published:\n${formatProblemsPerFile(error.problems)}`,
    );
    return 1;
  }
  if (error instanceof UsageError) {
    console.error(`wirefeed: ${error.message}\n${usage}`);
    return 2;
  }
  if (error instanceof TargetRefusal) {
    console.error(`wirefeed: ${error.message} — the live version is unchanged`);
    return 1;
  }
  console.error('wirefeed: failed — the live version is unchanged:', error instanceof Error ? error.message : error);
  return 1;
}

async function rollBackLive(flags: Flags): Promise<number> {
  const target = targetOf({ ...flags, check: false });
  if (target === undefined) return 2;
  const report = await rollBack(target, nodeCodec);
  console.log(
    `wirefeed: rolled back ${target.name} to ${report.restored.slice(0, 12)}: version ${report.sequence} (root ${report.root.slice(0, 12)}), ${report.changes} change(s) announced, ${report.unindexed} article(s) out of search`,
  );
  if (report.indexError)
    log(`wirefeed: the search index could not be told (${report.indexError}); the next publish rebuilds it`);
  return 0;
}

async function main(): Promise<number> {
  const flags = readFlags(process.argv.slice(2));
  if (flags.help) {
    console.log(usage);
    return 0;
  }
  if (flags.rollback) return rollBackLive(flags);
  const workers = workerCount(flags.workers);
  const pool = workers > 1 ? openBuildPool(workers) : undefined;
  if (flags.watch) {
    // The state the last publish left is written before the process ends (npm run dev stops it with a signal).
    process.on('exit', flushArchiveState);
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)
      process.on(signal, () => process.exit(code));
    // One process for every publish of `npm run dev`: a failed one keeps the last good version live.
    await watchBuilds({
      contentDir: flags.content,
      build: (changed) => buildOnce(flags, pool, changed).catch(reportFailure),
      report: (status) => process.send?.({ built: status }),
    });
    return new Promise<number>(() => {});
  }
  try {
    const status = await buildOnce(flags, pool);
    if (status === 0 && flags.collect && flags.publish) {
      const collected = await targetOf(flags)?.collect();
      if (collected) log(`wirefeed: collected ${collected.deleted} unreferenced object(s), ${collected.kept} kept`);
    }
    return status;
  } finally {
    await pool?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(reportFailure(error)),
);
