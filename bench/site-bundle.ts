/** Builds a content folder with the project's own CLI (static assets + manifest) and bundles Workers over it with `wrangler deploy --dry-run`. */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { WireCopyFile } from './corpus.ts';
import type { FloorTable } from './floor-worker.ts';

const run = promisify(execFile);

/** The line bench/process-usage.ts writes at the build's exit. */
const USAGE_TAG = 'wirefeed-bench-usage ';

/** content/site.yaml of the repository plus `files`, under `dir`. */
export function writeContent(root: string, dir: string, files: readonly WireCopyFile[]): void {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  copyFileSync(join(root, 'content', 'site.yaml'), join(dir, 'site.yaml'));
  for (const { file, text } of files) writeFileSync(join(dir, file), text);
}

export interface BuiltSite {
  /** `build/assets`-like folder: what the ASSETS binding serves. */
  readonly assetsDir: string;
  /** The generated manifest module (what src/generated/site-manifest.js is for `npm run build`). */
  readonly manifestFile: string;
  /** The CLI's one-line summary. */
  readonly message: string;
  readonly wallSeconds: number;
  /** CPU user + system of the build process (all its threads), from process.resourceUsage() at its exit. */
  readonly cpuSeconds: number;
  readonly maxRssBytes: number;
}

/**
 * `node src/builder/cli.ts --content dir --assets <out>/assets --manifest <out>/site-manifest.js --base-url baseUrl`:
 * the project's own build, into `outDir`. `maxOldSpaceMb` raises V8's heap limit for big archives.
 */
export async function buildSite(
  root: string,
  contentDir: string,
  outDir: string,
  baseUrl: string,
  maxOldSpaceMb?: number,
  /** More CLI arguments, e.g. `--media-cache DIR`. */
  extraArgs: readonly string[] = [],
): Promise<BuiltSite> {
  const assetsDir = join(outDir, 'assets');
  const manifestFile = join(outDir, 'site-manifest.js');
  const started = performance.now();
  const { stdout, stderr } = await run(
    process.execPath,
    [
      ...(maxOldSpaceMb !== undefined ? [`--max-old-space-size=${maxOldSpaceMb}`] : []),
      '--import',
      pathToFileURL(join(root, 'bench', 'process-usage.ts')).href,
      'src/builder/cli.ts',
      '--content',
      contentDir,
      '--assets',
      assetsDir,
      '--manifest',
      manifestFile,
      '--base-url',
      baseUrl,
      // The caches (issue 16) live beside the build: a new folder is a clean build, the same folder a cached rebuild.
      ...['--render-cache', join(outDir, '.cache', 'render'), '--parse-cache', join(outDir, '.cache', 'parse')],
      ...extraArgs,
    ],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const usageLine = stderr.split('\n').find((line) => line.startsWith(USAGE_TAG));
  if (usageLine === undefined) throw new Error(`the build wrote no usage line:\n${stderr}`);
  const usage = JSON.parse(usageLine.slice(USAGE_TAG.length)) as {
    userSeconds: number;
    systemSeconds: number;
    maxRssBytes: number;
  };
  return {
    assetsDir,
    manifestFile,
    message: stdout.trim(),
    wallSeconds,
    cpuSeconds: usage.userSeconds + usage.systemSeconds,
    maxRssBytes: usage.maxRssBytes,
  };
}

export function compatibilityDate(root: string): string {
  const match = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'wrangler.toml'), 'utf8'));
  if (!match?.[1]) throw new Error('wrangler.toml has no compatibility_date');
  return match[1];
}

/**
 * Bundles `entrySource` (a TypeScript module written to dir/entry.ts) as wrangler deploys it: a wrangler.toml in
 * `dir` with the repository's compatibility date and no bindings, `wrangler deploy --dry-run --outdir dir/dist`.
 * Returns the bundle's path.
 */
export async function bundleWorker(root: string, dir: string, name: string, entrySource: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entry.ts'), entrySource);
  writeFileSync(
    join(dir, 'wrangler.toml'),
    `name = "${name}"\nmain = "entry.ts"\ncompatibility_date = "${compatibilityDate(root)}"\nworkers_dev = true\n`,
  );
  const wrangler = join(
    dirname(createRequire(join(root, 'package.json')).resolve('wrangler/package.json')),
    'bin',
    'wrangler.js',
  );
  await run(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', 'dist', '--config', 'wrangler.toml'], {
    cwd: dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  const bundle = readdirSync(join(dir, 'dist')).find((file) => file.endsWith('.js'));
  if (bundle === undefined) throw new Error(`wrangler wrote no bundle into ${join(dir, 'dist')}`);
  return join(dir, 'dist', bundle);
}

const MANIFEST_IMPORT = './generated/site-manifest.js';

/**
 * src/index.ts itself, with its relative imports made absolute and the manifest import redirected to
 * `manifestFile`: the Worker exactly as `npm run build` + wrangler would ship it, src/generated/ untouched.
 */
export function wirefeedEntry(root: string, manifestFile: string): string {
  const source = readFileSync(join(root, 'src', 'index.ts'), 'utf8');
  if (!source.includes(`'${MANIFEST_IMPORT}'`)) throw new Error(`src/index.ts no longer imports '${MANIFEST_IMPORT}'`);
  return source.replace(/from '(\.[^']+)'/g, (_, specifier: string) =>
    specifier === MANIFEST_IMPORT
      ? `from ${JSON.stringify(manifestFile)}`
      : `from ${JSON.stringify(resolve(root, 'src', specifier))}`,
  );
}

/** A worker that answers `ok` to everything: the start-up and heap baseline. */
export const emptyEntry = `// The empty worker: what start-up and heap are measured over.
export default { fetch: () => new Response('ok') };
`;

/** The bench floor over a table of recorded responses (written next to the entry as a module). */
export function floorEntry(root: string, dir: string, table: FloorTable): string {
  mkdirSync(dir, { recursive: true });
  const tableFile = join(dir, 'floor-table.js');
  writeFileSync(tableFile, `export default JSON.parse(${JSON.stringify(JSON.stringify(table))});\n`);
  return `// The bench floor: recorded wirefeed responses, served from memory.
import { createFloorApp } from ${JSON.stringify(join(root, 'bench', 'floor-worker.ts'))};
import table from ${JSON.stringify(tableFile)};
export default createFloorApp(table);
`;
}
