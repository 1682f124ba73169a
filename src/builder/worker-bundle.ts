/** The Worker's code version: a hash of the bundle esbuild makes of src/index.ts, the bytes `wrangler deploy` uploads. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** The module that carries the hash itself: left out of the bundle that is hashed (it cannot contain its own hash). */
const versionModule = /(?:^|\/)generated\/code-version\.ts$/;

const leaveOutVersion: Plugin = {
  name: 'wirefeed-leave-out-version',
  setup(plugin) {
    plugin.onResolve({ filter: versionModule }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * SHA-256 (base64url, 22 characters) of the Worker bundle: src/index.ts and everything it imports, hono included,
 * bundled as wrangler does (ES module, workerd conditions, no minification). It changes exactly when the code the
 * Worker runs changes (comments and build-only files do not reach the bundle), whatever the folder names.
 */
export async function workerBundleHash(root: string): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src', 'index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2024',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    external: ['cloudflare:*', 'node:*'],
    // The project's packages, also for a copy of src/ elsewhere (the tests edit one).
    nodePaths: [join(process.cwd(), 'node_modules'), join(root, 'node_modules')],
    plugins: [leaveOutVersion],
    logLevel: 'silent',
  });
  const hash = createHash('sha256');
  for (const file of result.outputFiles) hash.update(file.contents);
  return hash.digest('base64url').slice(0, 22);
}
