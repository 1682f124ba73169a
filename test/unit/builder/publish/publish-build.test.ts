import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BuildFs,
  BuildStageError,
  nodeBuildFs,
  stageBuild,
} from '../../../../src/builder/publish/publish-build.ts';
import { failing, snapshot } from './publish-fixtures.ts';

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
