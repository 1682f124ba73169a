import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BuildFs, BuildStageError, nodeBuildFs, stageBuild } from '../../../src/catalog/publish-build.ts';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A folder holding a previous build: assets/ with one file, and its manifest module. */
function previousBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-publish-'));
  temporary.push(dir);
  mkdirSync(join(dir, 'assets', 'articles'), { recursive: true });
  writeFileSync(join(dir, 'assets', 'articles', '0.json'), 'old pack');
  writeFileSync(join(dir, 'manifest.js'), 'old manifest');
  return { dir, assets: join(dir, 'assets'), manifest: join(dir, 'manifest.js') };
}

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files[join(entry.parentPath, entry.name).slice(dir.length)] = readFileSync(
        join(entry.parentPath, entry.name),
        'utf8',
      );
  }
  return files;
}

/** Node's fs, except that the operation `fails` picks throws like a full disk. */
function failing(fails: (operation: string, path: string) => boolean): BuildFs {
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

async function build(target: ReturnType<typeof previousBuild>, fs: BuildFs) {
  const staged = await stageBuild({ assets: target.assets, manifest: target.manifest, fs });
  await staged.write('articles/0.json', 'new pack');
  await staged.write('lists/rss/0.json', new Uint8Array([110, 101, 119]));
  await staged.publish('new manifest');
}

describe('an atomic build', () => {
  it('swaps in the new assets and manifest together', async () => {
    const target = previousBuild();
    await build(target, nodeBuildFs);
    expect(snapshot(target.dir)).toEqual({
      '/assets/articles/0.json': 'new pack',
      '/assets/lists/rss/0.json': 'new',
      '/manifest.js': 'new manifest',
    });
  });

  it.each([
    [
      'preparing staging',
      (operation: string, path: string) => operation === 'mkdir' && path.endsWith('assets.staging'),
    ],
    ['writing assets', (operation: string, path: string) => operation === 'writeFile' && path.endsWith('0.json')],
    ['writing the manifest', (operation: string, path: string) => operation === 'writeFile' && path.endsWith('.tmp')],
    [
      'swapping in the new build',
      (operation: string, path: string) =>
        operation === 'rename' &&
        path.startsWith(join(tmpdir(), 'wirefeed-publish-')) &&
        path.includes('assets.staging ->'),
    ],
    [
      'swapping in the new build',
      (operation: string, path: string) => operation === 'rename' && path.includes('manifest.js.tmp ->'),
    ],
  ])('leaves the previous build whole when %s fails, and says so', async (stage, fails) => {
    const target = previousBuild();
    const before = snapshot(target.dir);
    const error = await build(target, failing(fails)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BuildStageError);
    expect((error as BuildStageError).stage).toBe(stage);
    expect((error as Error).message).toMatch(/ENOSPC/);
    const after = snapshot(target.dir);
    for (const [path, text] of Object.entries(before)) expect(after[path], path).toBe(text);
    expect(existsSync(join(target.dir, 'assets.old'))).toBe(false);
  });

  it('names the stored file whose write failed', async () => {
    const target = previousBuild();
    await expect(
      build(
        target,
        failing((operation, path) => operation === 'writeFile' && path.includes('rss')),
      ),
    ).rejects.toThrow(/writing assets: lists\/rss\/0\.json: ENOSPC/);
  });

  it('refuses a stored file larger than static assets allow', async () => {
    const target = previousBuild();
    const staged = await stageBuild({ assets: target.assets, manifest: target.manifest, maxFileBytes: 4 });
    await expect(staged.write('lists/rss/0.json', 'too long')).rejects.toThrow(/lists\/rss\/0\.json would be 8 bytes/);
  });
});
