/** Builds a content folder into a SiteBuild module and bundles a Worker over it with `wrangler deploy --dry-run`. */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { WireCopyFile } from './corpus.ts';

const run = promisify(execFile);

/** content/site.yaml of the repository plus `files`, under `dir`. */
export function writeContent(root: string, dir: string, files: readonly WireCopyFile[]): void {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  copyFileSync(join(root, 'content', 'site.yaml'), join(dir, 'site.yaml'));
  for (const { file, text } of files) writeFileSync(join(dir, file), text);
}

/** `node src/catalog/cli.ts --content dir --out outFile --base-url baseUrl`: the project's own build. */
export async function buildSiteModule(
  root: string,
  contentDir: string,
  outFile: string,
  baseUrl: string,
): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['src/catalog/cli.ts', '--content', contentDir, '--out', outFile, '--base-url', baseUrl],
    { cwd: root },
  );
  return stdout.trim();
}

export function compatibilityDate(root: string): string {
  const match = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'wrangler.toml'), 'utf8'));
  if (!match?.[1]) throw new Error('wrangler.toml has no compatibility_date');
  return match[1];
}

/**
 * Bundles `entrySource` (an ES module written to dir/entry.js) as wrangler deploys it: a wrangler.toml in `dir`
 * with the repository's compatibility date and no bindings, `wrangler deploy --dry-run --outdir dir/dist`.
 * Returns the bundle's path.
 */
export async function bundleWorker(root: string, dir: string, name: string, entrySource: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entry.js'), entrySource);
  writeFileSync(
    join(dir, 'wrangler.toml'),
    `name = "${name}"\nmain = "entry.js"\ncompatibility_date = "${compatibilityDate(root)}"\nworkers_dev = true\n`,
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

/** The wirefeed Worker exactly as src/index.ts builds it, over the SiteBuild module at `siteBuildFile`. */
export function wirefeedEntry(root: string, siteBuildFile: string): string {
  return `// wirefeed as src/index.ts builds it, over the bench's SiteBuild (src/generated/ is left untouched).
import { createApp } from ${JSON.stringify(join(root, 'src', 'app.ts'))};
import build from ${JSON.stringify(siteBuildFile)};
export default createApp(build);
`;
}

export function floorEntry(root: string, siteBuildFile: string): string {
  return `// The bench floor over the same SiteBuild.
import { createFloorApp } from ${JSON.stringify(join(root, 'bench', 'floor-worker.ts'))};
import build from ${JSON.stringify(siteBuildFile)};
export default createFloorApp(build);
`;
}
