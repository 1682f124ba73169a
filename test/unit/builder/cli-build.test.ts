import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cli = resolve('src/builder/cli.ts');

function run(dir: string, manifest = join(dir, 'manifest.js')) {
  return spawnSync(
    process.execPath,
    [cli, '--content', join(dir, 'content'), '--assets', join(dir, 'assets'), '--manifest', manifest],
    { encoding: 'utf8' },
  );
}

function contentWith(count: number, dir: string) {
  rmSync(join(dir, 'content'), { recursive: true, force: true });
  mkdirSync(join(dir, 'content', 'articles'), { recursive: true });
  for (let index = 1; index <= count; index++)
    writeFileSync(
      join(dir, 'content', 'articles', `s${index}.txt`),
      `Story ${index}\n2025-07-${String(index).padStart(2, '0')}\nBody ${index}.\n`,
    );
}

describe('npm run build', () => {
  it('keeps the previous build whole and names the manifest when its last write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-cli-'));
    temporary.push(dir);
    contentWith(2, dir);
    expect(run(dir).status).toBe(0);
    const assets = readdirSync(join(dir, 'assets'), { recursive: true }).sort();
    const pack = readFileSync(join(dir, 'assets', 'articles', '0.json'), 'utf8');
    contentWith(9, dir);
    // EISDIR stands in for a full disk: the manifest cannot be written.
    mkdirSync(join(dir, 'manifest-dir'));
    const failed = run(dir, join(dir, 'manifest-dir'));
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(
      /build failed while swapping in the new build: .*manifest-dir.*the previous build is unchanged/,
    );
    expect(readdirSync(join(dir, 'assets'), { recursive: true }).sort()).toEqual(assets);
    expect(readFileSync(join(dir, 'assets', 'articles', '0.json'), 'utf8')).toBe(pack);
  });

  it('refuses an oversized article by name, building nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-cli-'));
    temporary.push(dir);
    contentWith(1, dir);
    writeFileSync(join(dir, 'content', 'articles', 'huge.txt'), `Huge\n2025-07-16\n${'word '.repeat(60_000)}\n`);
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('huge.txt: is 300,017 bytes; an article may be at most 131,072 bytes');
    expect(readdirSync(dir)).not.toContain('assets');
  });
});
