import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type BuildFs, BuildStageError, nodeBuildFs } from '../../../../src/builder/publish/publish-build.ts';
import { publishedIndexPath, stageChanges } from '../../../../src/builder/publish/publish-in-place.ts';
import { failing, snapshot } from './publish-fixtures.ts';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The published files and the manifest, without the list of them. */
function published(dir: string): Record<string, string> {
  const files = snapshot(dir);
  delete files['/assets.published.json'];
  return files;
}

/** A first build (complete tree) of three files in `dir`. */
async function firstBuild() {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-in-place-'));
  temporary.push(dir);
  const target = { assets: join(dir, 'assets'), manifest: join(dir, 'manifest.js') };
  const staged = await stageChanges(target);
  await staged.write('packs/0.bin', 'pack zero');
  await staged.write('packs/1.bin', 'pack one');
  await staged.write('lists/rss/0.bin', 'old chunk');
  await staged.publish('manifest 1');
  return { dir, ...target };
}

/** The rebuild: pack 0 the same bytes, pack 1 edited, the chunk gone, a new chunk. */
async function rebuild(target: { assets: string; manifest: string }, fs: BuildFs = nodeBuildFs) {
  const staged = await stageChanges({ ...target, fs });
  await staged.write('packs/0.bin', 'pack zero');
  await staged.write('packs/1.bin', 'pack ONE');
  await staged.write('lists/rss/1.bin', 'new chunk');
  await staged.publish('manifest 2');
}

describe('a rebuild published in place', () => {
  it('moves in only the files that changed, removes the ones gone, and swaps the manifest', async () => {
    const target = await firstBuild();
    // A second build records every file's tag; from the third on an unchanged file is not touched.
    await rebuild(target);
    const unchanged = statSync(join(target.assets, 'packs', '0.bin')).ino;
    const staged = await stageChanges(target);
    await staged.write('packs/0.bin', 'pack zero');
    await staged.write('packs/1.bin', 'pack one again');
    expect(staged.keeps('lists/rss/1.bin', 'an unknown tag')).toBe(false);
    await staged.write('lists/rss/1.bin', 'new chunk');
    await staged.publish('manifest 3');
    expect(statSync(join(target.assets, 'packs', '0.bin')).ino).toBe(unchanged);
    expect(published(target.dir)).toEqual({
      '/assets/packs/0.bin': 'pack zero',
      '/assets/packs/1.bin': 'pack one again',
      '/assets/lists/rss/1.bin': 'new chunk',
      '/manifest.js': 'manifest 3',
    });
    expect(existsSync(`${target.assets}.old`)).toBe(false);
    expect(existsSync(`${target.assets}.staging`)).toBe(false);
  });

  it('says a cached file is already published when its tag is the one recorded', async () => {
    const target = await firstBuild();
    await rebuild(target);
    const staged = await stageChanges(target);
    const recorded = JSON.parse(readFileSync(publishedIndexPath(target.assets), 'utf8').split('\n')[1] ?? '{}');
    expect(staged.keeps('packs/0.bin', recorded['packs/0.bin'][1])).toBe(true);
    expect(staged.keeps('packs/1.bin', 'another tag')).toBe(false);
  });

  it.each([
    ['writing the manifest', (operation: string, path: string) => operation === 'writeFile' && path.endsWith('.tmp')],
    [
      'swapping in the new build',
      (operation: string, path: string) => operation === 'rename' && path.includes('staging/packs/1.bin ->'),
    ],
    [
      'swapping in the new build',
      (operation: string, path: string) => operation === 'rename' && path.includes('rss/0.bin ->'),
    ],
    [
      'swapping in the new build',
      (operation: string, path: string) => operation === 'rename' && path.includes('manifest.js.tmp ->'),
    ],
  ])('leaves the previous build whole and served when %s fails', async (stage, fails) => {
    const target = await firstBuild();
    const before = snapshot(target.dir);
    const error = await rebuild(target, failing(fails)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BuildStageError);
    expect((error as BuildStageError).stage).toBe(stage);
    const after = snapshot(target.dir);
    for (const [path, text] of Object.entries(before)) expect(after[path], path).toBe(text);
    expect(Object.keys(after).filter((path) => path.startsWith('/assets/'))).toEqual(
      Object.keys(before).filter((path) => path.startsWith('/assets/')),
    );
    // The next build still publishes the new tree.
    await rebuild(target);
    expect(readFileSync(join(target.assets, 'packs', '1.bin'), 'utf8')).toBe('pack ONE');
    expect(existsSync(join(target.assets, 'lists', 'rss', '0.bin'))).toBe(false);
  });

  it('builds the complete tree again when the published list is damaged', async () => {
    const target = await firstBuild();
    writeFileSync(publishedIndexPath(target.assets), '{"packs/0.bin": [9, "x"]}');
    writeFileSync(join(target.assets, 'stray.bin'), 'not from any build');
    await rebuild(target);
    expect(published(target.dir)).toEqual({
      '/assets/packs/0.bin': 'pack zero',
      '/assets/packs/1.bin': 'pack ONE',
      '/assets/lists/rss/1.bin': 'new chunk',
      '/manifest.js': 'manifest 2',
    });
  });
});
