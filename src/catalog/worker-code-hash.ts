/** Build time: a hash of the Worker's request-time code (src/ minus build-only folders, and hono's version). */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { strongEtag } from '../http/etag.ts';

/** Folders of src/ that only run in `npm run build`: their effect is already in the stored files' hashes. */
const buildOnly = new Set(['catalog', 'content', 'generated']);

/**
 * SHA-256 (first 16 bytes, base64url) over every `.ts`/`.js` file under `root/src` outside the build-only
 * folders (path and bytes, in code-unit order of path) and the hono version `root/package-lock.json` pins.
 * A change to any renderer or HTTP module changes it; rebuilding unchanged code gives the same value.
 */
export async function hashWorkerCode(
  root: string,
  /** Top folders of src/ left out; the build cache's code version (disk-render-cache.ts) leaves out only generated/. */
  excluded: ReadonlySet<string> = buildOnly,
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
