import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateArticle } from '../../../../scripts/generate-articles.ts';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cli = resolve('src/builder/cli.ts');

/** `npm run build` into `<dir>/<out>` with `--workers <workers>`; the caches in `<dir>` unless `noCache`. */
function build(dir: string, out: string, workers: string, noCache = false) {
  const flags = {
    content: join(dir, 'content'),
    assets: join(dir, out),
    manifest: join(dir, `${out}.js`),
    'media-cache': join(dir, 'media'),
    'render-cache': join(dir, 'render'),
    'parse-cache': join(dir, 'parse'),
    workers,
  };
  const args = Object.entries(flags).flatMap(([flag, value]) => [`--${flag}`, value]);
  const result = spawnSync(process.execPath, [cli, ...args, ...(noCache ? ['--no-cache'] : [])], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr, tree: result.status === 0 ? treeOf(dir, out) : {} };
}

/** Every stored file's SHA-256 by path, and the manifest module's. */
function treeOf(dir: string, out: string): Record<string, string> {
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
  const root = join(dir, out);
  const tree: Record<string, string> = { 'manifest.js': sha(join(dir, `${out}.js`)) };
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile())
      tree[join(entry.parentPath, entry.name).slice(root.length + 1)] = sha(join(entry.parentPath, entry.name));
  return tree;
}

/** `count` tagged wire-copy articles and the seed article, 5 a page: many packs, so several are in flight at once. */
function archive(dir: string, count: number): void {
  mkdirSync(join(dir, 'content', 'articles'), { recursive: true });
  writeFileSync(join(dir, 'content', 'site.yaml'), 'title: Parallel test\npageSize: 5\ntimeZone: Asia/Shanghai\n');
  copyFileSync(resolve('content/articles/sco-digital-link.txt'), join(dir, 'content', 'articles', 'seed.txt'));
  for (let index = 0; index < count; index++) {
    const { name, text } = generateArticle(index, { sources: 3 });
    writeFileSync(join(dir, 'content', 'articles', name), text);
    writeFileSync(join(dir, 'content', 'articles', name.replace(/\.txt$/, '.yaml')), `tags: [t${index % 4}]\n`);
  }
}

describe('npm run build --workers N', { timeout: 60_000 }, () => {
  it('writes the same bytes with one worker, with two, and from the cache with two', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-parallel-'));
    temporary.push(dir);
    archive(dir, 150);
    const one = build(dir, 'one', '1', true);
    expect(one.status, one.stderr).toBe(0);
    expect(Object.keys(one.tree).filter((path) => path.startsWith('articles/')).length).toBeGreaterThan(16);
    const two = build(dir, 'two', '2', true);
    expect(two.status, two.stderr).toBe(0);
    expect(two.tree).toEqual(one.tree);
    // Three threads for a handful of packs each, then a rebuild where the cache answers for every pack.
    const three = build(dir, 'three', '3');
    expect(three.tree).toEqual(one.tree);
    const cached = build(dir, 'cached', '2');
    expect(cached.stderr).toMatch(/render cache: \d+ file\(s\) reused, 0 rendered/);
    expect(cached.tree).toEqual(one.tree);
    // One new article: the cache answers for most packs, the workers render the rest.
    const { name, text } = generateArticle(150, { sources: 3 });
    writeFileSync(join(dir, 'content', 'articles', name), text);
    const grown = build(dir, 'grown', '2');
    expect(grown.stderr).toMatch(/render cache: [1-9]\d* file\(s\) reused, [1-9]\d* rendered/);
    expect(grown.tree).toEqual(build(dir, 'grown-clean', '1', true).tree);
  });

  it('reports the same problems, file by file, when the files are parsed on two threads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-parallel-'));
    temporary.push(dir);
    // Past the first 16 files, which a pool parses on the main thread: these two are parsed on the threads.
    archive(dir, 40);
    writeFileSync(join(dir, 'content', 'articles', 'zz-broken.txt'), 'Only a title\n');
    writeFileSync(join(dir, 'content', 'articles', 'story-000033.yaml'), 'tags: [[unclosed\n');
    const one = build(dir, 'one', '1', true);
    const two = build(dir, 'two', '2', true);
    expect(one.status).toBe(1);
    expect(one.stderr).toMatch(/zz-broken\.txt:\d+: /);
    expect(one.stderr).toMatch(/story-000033\.yaml:\d+: /);
    expect(two.status).toBe(1);
    expect(two.stderr).toBe(one.stderr);
  });

  it('refuses a worker count that is not a whole number from 1, before reading any content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-parallel-'));
    temporary.push(dir);
    for (const workers of ['0', '1.5', 'many']) {
      const result = build(dir, 'site', workers);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`--workers ${workers}: give a whole number from 1`);
    }
  });
});
