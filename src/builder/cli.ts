/** `npm run build` / `npm run check`: content/ -> validated articles -> rendered site -> static assets + manifest module. */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ContentError, type ContentProblem } from '../content/content-error.ts';
import { formatProblemsPerFile } from '../content/problem-limit.ts';
import { BodyFileError } from './content/body-spill.ts';
import { loadContent } from './content/load-content.ts';
import { openParseCache } from './content/parse-cache.ts';
import { mediaAssetHeaders } from './media/asset-headers.ts';
import { placeMediaFiles } from './media/publish-media.ts';
import { stageProgress } from './progress.ts';
import { BuildStageError } from './publish/publish-build.ts';
import { stageChanges } from './publish/publish-in-place.ts';
import { defaultWorkerCount, openBuildPool } from './render/build-pool.ts';
import { buildSite } from './render/build-site.ts';
import { withCodeVersion } from './render/code-version.ts';
import { buildCodeHash, openDiskRenderCache } from './render/disk-render-cache.ts';
import { nodeStrongEtag } from './render/node-etag.ts';
import { useTextEtag } from './render/text-etag.ts';
import { watchBuilds } from './watch-builds.ts';
import { workerBundleHash } from './worker-bundle.ts';

const usage = `usage: node src/builder/cli.ts [--content DIR] [--assets DIR] [--manifest FILE] [--base-url URL] [--check] [--deploy]
  --content DIR     content folder (default: content)
  --assets DIR      static assets folder the Worker reads (default: build/assets; wrangler.toml [assets])
  --manifest FILE   generated manifest module (default: src/generated/site-manifest.js)
  --base-url URL    absolute site URL, overrides site.yaml's baseUrl
  --media-cache DIR picture renditions kept between builds (default: build/.cache/media)
  --render-cache DIR stored files kept between builds, reused where their articles are unchanged (default: build/.cache/render)
  --parse-cache DIR parsed articles kept between builds, bodies on disk (default: build/.cache/parse)
  --no-cache        parse and render every file (no cache is read or written)
  --workers N       threads parsing files and rendering packs and list and section chunks (default: one per core; 1: all on the main thread)
  --watch           stay running and build again whenever the content folder changes (npm run dev)
  --check           validate and render everything, write nothing
  --deploy          refuse to build for a localhost base URL (set baseUrl in content/site.yaml first)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      content: { type: 'string', default: 'content' },
      assets: { type: 'string', default: 'build/assets' },
      manifest: { type: 'string', default: 'src/generated/site-manifest.js' },
      'base-url': { type: 'string' },
      'media-cache': { type: 'string', default: 'build/.cache/media' },
      'render-cache': { type: 'string', default: 'build/.cache/render' },
      'parse-cache': { type: 'string', default: 'build/.cache/parse' },
      'no-cache': { type: 'boolean', default: false },
      workers: { type: 'string' },
      watch: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      deploy: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const started = performance.now();
  const workers = workerCount(values.workers);
  // Same ETags as crypto.subtle, without a thread-pool round trip per page (node-etag.ts).
  useTextEtag(nodeStrongEtag);
  // The output is the same bytes whatever the count: files are settled in file order, packs stored in pack order (tested).
  // With --watch the threads stay up between builds.
  if (values.watch && workers > 1) watchPool ??= openBuildPool(workers);
  const pool = workers > 1 ? (watchPool ?? openBuildPool(workers)) : undefined;
  const parsing = stageProgress(process.stderr, 'parsed', 'files');
  let contentFiles = 0;
  const baseUrl = values['base-url'] ?? process.env.WIREFEED_BASE_URL;
  const codeHash = await buildCodeHash(fileURLToPath(new URL('../..', import.meta.url)));
  // Bodies wait on disk until rendered (memory holds the archive's metadata); unchanged files are not parsed
  // again. Without the cache (--no-cache, --check) the body file is a fresh one in a temporary folder.
  const scratch = values.check || values['no-cache'] ? mkdtempSync(join(tmpdir(), 'wirefeed-bodies-')) : undefined;
  parseCacheDir = scratch ? undefined : resolve(values['parse-cache']);
  const parseCache = openParseCache(
    scratch ?? resolve(values['parse-cache']),
    // Every parse depends on the code, the size bounds (in the code), site.yaml's bytes and the base URL given.
    `${codeHash}\n${baseUrl ?? ''}\n${await readFile(resolve(values.content, 'site.yaml'), 'utf8').catch(() => '')}`,
    resolve(values.content),
    values.watch ? changedFiles : undefined,
  );
  afterBuild.push(() => {
    parseCache.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });
  const { site, articles, warnings, media } = await loadContent(resolve(values.content), {
    ...(baseUrl ? { baseUrl } : {}),
    media: { cacheDir: resolve(values['media-cache']) },
    store: parseCache,
    ...(pool ? { parser: pool.parse } : {}),
    progress: (done, total) => {
      contentFiles = total;
      parsing.update(done, total);
    },
  });
  parsing.end(contentFiles);
  log(`wirefeed: parse cache: ${parseCache.counts.reused} article(s) unchanged, ${parseCache.counts.parsed} parsed`);
  printWarnings(warnings);
  if (values.deploy && isLocal(site.baseUrl)) {
    console.error(
      `wirefeed: baseUrl is ${site.baseUrl}; set baseUrl in content/site.yaml (or WIREFEED_BASE_URL) to the site's public address before deploying.`,
    );
    return 1;
  }
  log(`wirefeed: ${articles.length} article(s) valid in ${seconds(started)}; rendering…`);
  const rendering = stageProgress(process.stderr, 'rendered', 'articles');

  // Assets and manifest go to staging and are swapped in together only once all is written; over a published
  // build only the files that changed are staged and swapped (publish-in-place.ts).
  const staged = values.check
    ? undefined
    : await stageChanges({ assets: resolve(values.assets), manifest: resolve(values.manifest) }, values['no-cache']);
  // Keyed by the site config and all of src/ too: another site.yaml or other code is a full build.
  const cache =
    staged && !values['no-cache']
      ? openDiskRenderCache(resolve(values['render-cache']), `${JSON.stringify(site)}\n${codeHash}`, staged)
      : undefined;
  let files = 0;
  const built = await buildSite(
    site,
    articles,
    async (path, text) => {
      files++;
      await staged?.write(path, text);
    },
    (done, total) => rendering.update(done, total),
    undefined,
    cache,
    pool?.render,
  );
  if (!values.watch) await pool?.close();
  rendering.end(articles.length);
  if (cache) files += cache.counts.reused;
  if (staged) {
    // Pictures are hard links into the rendition cache (build/.cache/media): the served build is never touched.
    placeMediaFiles(
      media.files.filter((file) => !staged.keeps(file.path, file.source)),
      staged.folder,
    );
    await staged.write('_headers', mediaAssetHeaders);
  }
  files += media.files.length;
  // The version covers the Worker's request-time code too: a renderer change alone changes every list ETag.
  const manifest = await withCodeVersion(
    built,
    await workerBundleHash(fileURLToPath(new URL('../..', import.meta.url))),
  );
  const summary = `${articles.length} article(s), ${manifest.pageCount} page(s), ${files} stored file(s) (${media.files.length} picture file(s), ${media.encoded} picture(s) encoded), version ${manifest.version}, ${seconds(started)}`;
  if (!staged) {
    console.log(`wirefeed: content OK: ${summary}`);
    return 0;
  }
  const changes = await staged.publish(moduleSource(JSON.stringify(manifest)));
  log(
    changes.complete
      ? 'wirefeed: published: the complete tree swapped in'
      : `wirefeed: published in place: ${changes.changed} file(s) changed, ${changes.removed} removed`,
  );
  if (!scratch) parseCache.save();
  if (cache) {
    cache.save(resolve(values.assets));
    const { reused, rendered, damaged } = cache.counts;
    log(
      `wirefeed: render cache: ${reused} file(s) reused, ${rendered} rendered${damaged > 0 ? `, ${damaged} damaged entr(ies) rebuilt` : ''}`,
    );
  }
  console.log(`wirefeed: built ${summary} for ${site.baseUrl} -> ${values.assets}, ${values.manifest}`);
  return 0;
}

/** `--workers N`: a whole number from 1; absent, one per core. */
function workerCount(flag: string | undefined): number {
  if (flag === undefined) return defaultWorkerCount();
  const count = Number(flag);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--workers ${flag}: give a whole number from 1`);
  return count;
}

/** A command-line mistake: reported on one line, exit status 2. */
class UsageError extends Error {}

function isLocal(baseUrl: string): boolean {
  const { hostname } = new URL(baseUrl);
  return hostname === 'localhost' || hostname.startsWith('127.') || hostname === '[::1]';
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)}s`;
}

/** Warnings (odd but published) go to stderr, one `file:line: …` line each, in build, check and dev alike. */
function printWarnings(warnings: readonly ContentProblem[]): void {
  if (warnings.length === 0) return;
  log(`wirefeed: ${warnings.length} warning(s) in content (a warning never stops the build):`);
  log(formatProblemsPerFile(warnings));
}

/** Progress goes to stderr, so the one-line summary on stdout stays easy to read. */
function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The manifest module's text; publish-build.ts writes it to a temporary file and renames it in. */
function moduleSource(json: string): string {
  return `// Generated by src/builder/cli.ts from content/ — do not edit; \`npm run build\` rewrites it.\nexport default JSON.parse(${JSON.stringify(json)});\n`;
}

/** A `--watch` process's files changed since its last build (watch-builds.ts); undefined: check them all. */
let changedFiles: ReadonlySet<string> | undefined;

/** The threads of a `--watch` process, kept between its builds. */
let watchPool: ReturnType<typeof openBuildPool> | undefined;

/** What each build leaves to close (the parse cache's body file, a scratch folder), done after it or at exit. */
const afterBuild: (() => void)[] = [];
const closeBuild = () => {
  for (const close of afterBuild.splice(0)) close();
};
process.on('exit', closeBuild);

/** The parse cache of this run, dropped when one of its bodies turns out damaged. */
let parseCacheDir: string | undefined;

/** A damaged cached body is never served: the cache is dropped and the build runs again from the files. */
async function mainWithoutDamagedCache(): Promise<number> {
  try {
    return await main();
  } catch (error) {
    if (!(error instanceof BodyFileError) || parseCacheDir === undefined) throw error;
    log(`wirefeed: ${error.message}; dropping the parse cache and building again from the files`);
    rmSync(parseCacheDir, { recursive: true, force: true });
    return main();
  }
}

/** Prints why a build stopped, in the publisher's words; the exit status. */
function reportFailure(error: unknown): number {
  if (error instanceof ContentError) {
    printWarnings(error.warnings);
    // At most 20 problems a file are printed, then a count of the rest (problem-limit.ts).
    console.error(
      `wirefeed: ${error.problems.length} problem(s) in content — nothing was built:\n${formatProblemsPerFile(error.problems)}`,
    );
  } else if (error instanceof UsageError) {
    console.error(`wirefeed: ${error.message}\n${usage}`);
    return 2;
  } else if (error instanceof BuildStageError) {
    console.error(`wirefeed: ${error.message} — the previous build is unchanged`);
  } else {
    console.error('wirefeed: build failed:', error);
  }
  return 1;
}

if (process.argv.includes('--watch')) {
  // One process for every build of `npm run dev`: a failed build keeps the last good one served.
  const { values } = parseArgs({ options: { content: { type: 'string', default: 'content' } }, strict: false });
  await watchBuilds({
    contentDir: String(values.content),
    build: () => mainWithoutDamagedCache().catch(reportFailure).finally(closeBuild),
    report: (status) => process.send?.({ built: status }),
  });
} else {
  mainWithoutDamagedCache().then(
    (code) => process.exit(code),
    (error: unknown) => process.exit(reportFailure(error)),
  );
}
