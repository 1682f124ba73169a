/** `npm run build` / `npm run check`: content/ -> validated articles -> rendered site -> static assets + manifest module. */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite } from '../build/build-site.ts';
import { ContentError, type ContentProblem, formatProblem } from '../content/content-error.ts';
import { loadContent } from './load-content.ts';
import { mediaAssetHeaders } from './media/asset-headers.ts';
import { placeMediaFiles } from './media/publish-media.ts';

const usage = `usage: node src/catalog/cli.ts [--content DIR] [--assets DIR] [--manifest FILE] [--base-url URL] [--check] [--deploy]
  --content DIR     content folder (default: content)
  --assets DIR      static assets folder the Worker reads (default: build/assets; wrangler.toml [assets])
  --manifest FILE   generated manifest module (default: src/generated/site-manifest.js)
  --base-url URL    absolute site URL, overrides site.yaml's baseUrl
  --media-cache DIR picture renditions kept between builds (default: build/.cache/media)
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
  const baseUrl = values['base-url'] ?? process.env.WIREFEED_BASE_URL;
  const { site, articles, warnings, media } = await loadContent(resolve(values.content), {
    ...(baseUrl ? { baseUrl } : {}),
    media: { cacheDir: resolve(values['media-cache']) },
  });
  printWarnings(warnings);
  if (values.deploy && isLocal(site.baseUrl)) {
    console.error(
      `wirefeed: baseUrl is ${site.baseUrl}; set baseUrl in content/site.yaml (or WIREFEED_BASE_URL) to the site's public address before deploying.`,
    );
    return 1;
  }
  log(`wirefeed: ${articles.length} article(s) valid in ${seconds(started)}; rendering…`);

  // Files go to a fresh folder that replaces the old one only once complete: nothing half-built is served.
  const assets = resolve(values.assets);
  const staging = `${assets}.staging`;
  await rm(staging, { recursive: true, force: true });
  let files = 0;
  const writes = writeQueue(64);
  const folders = new Set<string>();
  const manifest = await buildSite(
    site,
    articles,
    async (path, text) => {
      files++;
      if (values.check) return;
      const file = join(staging, path);
      if (!folders.has(dirname(file))) {
        folders.add(dirname(file));
        await mkdir(dirname(file), { recursive: true });
      }
      await writes.add(() => writeFile(file, text));
    },
    (done, total) => log(`wirefeed: rendered ${done}/${total} articles (${seconds(started)})`),
  );
  await writes.drain();
  if (!values.check) {
    // The served build's pictures move over to the new one: a rebuild links only the pictures that changed.
    placeMediaFiles(media.files, staging, assets);
    await mkdir(staging, { recursive: true });
    await writeFile(join(staging, '_headers'), mediaAssetHeaders);
  }
  files += media.files.length;
  const summary = `${articles.length} article(s), ${manifest.pageCount} page(s), ${files} stored file(s) (${media.files.length} picture file(s), ${media.encoded} picture(s) encoded), version ${manifest.version}, ${seconds(started)}`;
  if (values.check) {
    console.log(`wirefeed: content OK: ${summary}`);
    return 0;
  }
  await mkdir(staging, { recursive: true });
  await rm(`${assets}.old`, { recursive: true, force: true });
  await rename(assets, `${assets}.old`).catch(() => {});
  await rename(staging, assets);
  await rm(`${assets}.old`, { recursive: true, force: true });
  await writeModule(resolve(values.manifest), JSON.stringify(manifest));
  console.log(`wirefeed: built ${summary} for ${site.baseUrl} -> ${values.assets}, ${values.manifest}`);
  return 0;
}

/** Keeps up to `limit` file writes in flight: rendering goes on while the disk works. */
function writeQueue(limit: number) {
  const pending = new Set<Promise<void>>();
  return {
    async add(write: () => Promise<void>): Promise<void> {
      while (pending.size >= limit) await Promise.race(pending);
      const promise: Promise<void> = write().finally(() => pending.delete(promise));
      pending.add(promise);
    },
    drain: () => Promise.all(pending),
  };
}

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
  for (const warning of warnings) log(formatProblem(warning));
}

/** Progress goes to stderr, so the one-line summary on stdout stays easy to read. */
function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Written to a temporary file and renamed, so a watcher never sees half a module. */
async function writeModule(path: string, json: string): Promise<void> {
  const source = `// Generated by src/catalog/cli.ts from content/ — do not edit; \`npm run build\` rewrites it.\nexport default JSON.parse(${JSON.stringify(json)});\n`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, source);
  await rename(`${path}.tmp`, path);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ContentError) {
      printWarnings(error.warnings);
      console.error(`wirefeed: ${error.problems.length} problem(s) in content — nothing was built:\n${error.message}`);
    } else {
      console.error('wirefeed: build failed:', error);
    }
    process.exit(1);
  },
);
