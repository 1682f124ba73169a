/** Worker bundles as `wrangler deploy --dry-run --outdir` makes them: wirefeed's own (the repository's wrangler.toml), and the bench's helpers. */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function compatibilityDate(root: string): string {
  const match = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'wrangler.toml'), 'utf8'));
  if (!match?.[1]) throw new Error('wrangler.toml has no compatibility_date');
  return match[1];
}

export function wranglerBin(root: string): string {
  return join(
    dirname(createRequire(join(root, 'package.json')).resolve('wrangler/package.json')),
    'bin',
    'wrangler.js',
  );
}

/** `wrangler deploy --dry-run --outdir outDir` with `config`, run in `cwd`; the bundle's path. */
async function dryRun(root: string, cwd: string, config: string, outDir: string): Promise<string> {
  await run(process.execPath, [wranglerBin(root), 'deploy', '--dry-run', '--outdir', outDir, '--config', config], {
    cwd,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const bundle = readdirSync(outDir).find((file) => file.endsWith('.js'));
  if (bundle === undefined) throw new Error(`wrangler wrote no bundle into ${outDir}`);
  return join(outDir, bundle);
}

/** wirefeed exactly as `wrangler deploy` would upload it: the repository's wrangler.toml, its build command included. */
export function wirefeedBundle(root: string, outDir: string): Promise<string> {
  return dryRun(root, root, join(root, 'wrangler.toml'), outDir);
}

/** A bench Worker (`entry`, a module of bench/) bundled the same way, with the repository's compatibility date. */
export function benchBundle(root: string, dir: string, name: string, entry: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'wrangler.toml');
  writeFileSync(
    config,
    `name = "${name}"\nmain = "${relative(dir, entry)}"\ncompatibility_date = "${compatibilityDate(root)}"\n`,
  );
  return dryRun(root, dir, config, join(dir, 'dist'));
}
