/** Test helpers for the publish tests: a folder's files with their text, and an fs that fails where told. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildFs, nodeBuildFs } from '../../../../src/builder/publish/publish-build.ts';

/** Every file under `dir`, by its path below `dir` (with a leading `/`), with its text. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile())
      files[join(entry.parentPath, entry.name).slice(dir.length)] = readFileSync(
        join(entry.parentPath, entry.name),
        'utf8',
      );
  return files;
}

/** Node's fs, except that the operation `fails` picks throws like a full disk. */
export function failing(fails: (operation: string, path: string) => boolean): BuildFs {
  const check = (operation: string, path: string) => {
    if (fails(operation, path))
      throw Object.assign(new Error(`ENOSPC: no space left on device, ${operation} '${path}'`), { code: 'ENOSPC' });
  };
  return {
    mkdir: async (path, options) => {
      check('mkdir', path);
      return nodeBuildFs.mkdir(path, options);
    },
    writeFile: async (path, data) => {
      check('writeFile', path);
      return nodeBuildFs.writeFile(path, data);
    },
    rename: async (from, to) => {
      check('rename', `${from} -> ${to}`);
      return nodeBuildFs.rename(from, to);
    },
    rm: (path, options) => nodeBuildFs.rm(path, options),
    exists: (path) => nodeBuildFs.exists(path),
  };
}
