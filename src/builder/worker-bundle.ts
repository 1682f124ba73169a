/** The Worker's code version: a hash of the bundle esbuild makes of src/index.ts, the bytes `wrangler deploy` uploads. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** Modules that are content, not code: left out of the bundle that is hashed (their bytes are versioned separately). */
const contentModules = /(?:^|\/)generated\/site-manifest\.js$/;

const leaveOutContent: Plugin = {
  name: 'wirefeed-leave-out-content',
  setup(plugin) {
    plugin.onResolve({ filter: contentModules }, (args) => ({ path: args.path, external: true }));
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
    plugins: [leaveOutContent],
    logLevel: 'silent',
  });
  const hash = createHash('sha256');
  for (const file of result.outputFiles) hash.update(file.contents);
  return hash.digest('base64url').slice(0, 22);
}
