/** Build time: a hash of all of src/ that runs in the build (the render cache's code version), and hono's version. */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { strongEtag } from '../../shared/etag.ts';

/** Generated files are outputs of the build, not its code. */
const generatedOnly = new Set(['generated']);

/**
 * SHA-256 (first 16 bytes, base64url) over every `.ts`/`.js` file under `root/src` outside `excluded`
 * (path and bytes, in code-unit order of path) and the hono version `root/package-lock.json` pins.
 * Any change to the code that renders stored files changes it; rebuilding unchanged code gives the same value.
 * (The Worker's own version is the hash of its bundle instead: worker-bundle.ts.)
 */
export async function hashSourceTree(
  root: string,
  /** Top folders of src/ left out. @default generated/ */
  excluded: ReadonlySet<string> = generatedOnly,
): Promise<string> {
  const src = join(root, 'src');
  const entries = await readdir(src, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && /\.(?:ts|js)$/.test(entry.name))
    .map((entry) => relative(src, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => !excluded.has(path.split('/')[0] ?? ''))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: string[] = [`hono ${await honoVersion(root)}`];
  for (const path of files) parts.push(`${path}\n${await readFile(join(src, path), 'utf8')}`);
  return (await strongEtag(parts.join('\n\0\n'))).replaceAll('"', '');
}

async function honoVersion(root: string): Promise<string> {
  try {
    const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as {
      packages?: Record<string, { version?: string }>;
    };
    return lock.packages?.['node_modules/hono']?.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The code version of the build's caches and of every article's identity: every source file under `root/src`
 * (generated/ left out) and `root/package-lock.json` (every dependency's version): a code upgrade renders all again.
 */
export async function buildCodeHash(root: string): Promise<string> {
  const lock = await readFile(join(root, 'package-lock.json'), 'utf8').catch(() => '');
  return createHash('sha256')
    .update(`${await hashSourceTree(root)}\n${lock}`)
    .digest('base64url');
}
