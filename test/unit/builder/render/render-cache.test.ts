import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateArticle } from '../../../../scripts/generate-articles.ts';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cli = resolve('src/builder/cli.ts');

/** Runs `npm run build`'s CLI into `<dir>/<out>`, with the render cache in `<dir>/cache` unless `noCache`. */
function build(dir: string, out: string, noCache = false) {
  const result = spawnSync(
    process.execPath,
    [
      cli,
      ...['--content', join(dir, 'content'), '--assets', join(dir, out), '--manifest', join(dir, `${out}.js`)],
      ...[
        '--media-cache',
        join(dir, 'media'),
        '--render-cache',
        join(dir, 'cache'),
        '--parse-cache',
        join(dir, 'parse'),
      ],
      ...(noCache ? ['--no-cache'] : []),
    ],
    { encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  const counts = /render cache: (\d+) file\(s\) reused, (\d+) rendered(?:, (\d+) damaged)?/.exec(result.stderr);
  // The last run's line: a build that drops a damaged cache runs twice.
  const parses = [...result.stderr.matchAll(/parse cache: (\d+) article\(s\) unchanged, (\d+) parsed/g)].at(-1);
  const moved = /published in place: (\d+) file\(s\) changed/.exec(result.stderr);
  return {
    stderr: result.stderr,
    unchanged: Number(parses?.[1] ?? -1),
    parsed: Number(parses?.[2] ?? -1),
    reused: Number(counts?.[1] ?? -1),
    rendered: Number(counts?.[2] ?? -1),
    damaged: Number(counts?.[3] ?? 0),
    /** Files the publish moved into the served tree; -1 when the complete tree was swapped in. */
    changed: Number(moved?.[1] ?? -1),
    tree: treeOf(join(dir, out)),
    manifest: readFileSync(join(dir, `${out}.js`), 'utf8'),
  };
}

/** Every stored file's SHA-256, by path. */
function treeOf(root: string): Record<string, string> {
  const tree: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    tree[path.slice(root.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return tree;
}

/** 30 tagged wire-copy articles from two sources, 5 a page: 6 list chunks, 4 packs, every article in 3 sections. */
function archive(dir: string, count = 30, title = 'Cache test'): void {
  mkdirSync(join(dir, 'content', 'articles'), { recursive: true });
  writeFileSync(join(dir, 'content', 'site.yaml'), `title: ${title}\npageSize: 5\ntimeZone: Asia/Shanghai\n`);
  for (let index = 0; index < count; index++) addArticle(dir, index);
}

function addArticle(dir: string, index: number): string {
  const { name, text } = generateArticle(index, { sources: 2 });
  const file = join(dir, 'content', 'articles', name);
  writeFileSync(file, text);
  writeFileSync(file.replace(/\.txt$/, '.yaml'), `tags: [t${index % 3}, u${index % 2}]\n`);
  return file;
}

/** The tree a build without any cache gives for the content as it is now. */
function clean(dir: string) {
  rmSync(join(dir, 'clean'), { recursive: true, force: true });
  return build(dir, 'clean', true);
}

// Each test runs the CLI five to seven times: seconds each on a loaded machine.
describe('the build caches (build/.cache/render, build/.cache/parse)', () => {
  it('gives a tree byte-identical to a clean build, and re-renders only what a new or edited article changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-cache-'));
    temporary.push(dir);
    archive(dir);
    const first = build(dir, 'site');
    expect(first.reused).toBe(0);
    expect(first.tree).toEqual(clean(dir).tree);
    const again = build(dir, 'site');
    expect(again).toMatchObject({ unchanged: 30, parsed: 0, rendered: 0, reused: first.rendered });
    expect(again.tree).toEqual(first.tree);
    expect(again.manifest).toBe(first.manifest);
    // The first rebuild moves in only what the render cache does not hold (heads, directories, sitemaps: their
    // tags are first taken now); the cached files are known published from the clean build on.
    expect(first.changed).toBe(-1);
    expect(again.changed).toBeGreaterThan(0);
    expect(again.changed).toBeLessThanOrEqual(Object.keys(first.tree).length - first.rendered);
    expect(build(dir, 'site').changed).toBe(0);

    // The newest article (generated 31 is dated after all 30): its page pack and ninjs pack, the newest chunk of
    // the 4 site lists, its 3 sections' newest chunks.
    addArticle(dir, 31);
    const added = build(dir, 'site');
    expect(added).toMatchObject({ unchanged: 30, parsed: 1, rendered: 2 + 4 + 3 });
    const expected = clean(dir);
    expect(added.tree).toEqual(expected.tree);
    expect(added.manifest).toBe(expected.manifest);

    // An old article edited: its packs, the site chunk it is in (4 formats), the chunk of each of its 3 sections.
    const story = join(dir, 'content', 'articles', 'story-000003.txt');
    const original = readFileSync(story, 'utf8');
    appendFileSync(story, 'A late paragraph, added by the desk.\n');
    const edited = build(dir, 'site');
    expect(edited).toMatchObject({ unchanged: 30, parsed: 1, rendered: 2 + 4 + 3 });
    expect(edited.tree).toEqual(clean(dir).tree);

    // The edit taken back (the cache holds one build's files, so they are rendered again): the published tree
    // is the one before the edit, none of the edited files left in place.
    writeFileSync(story, original);
    const reverted = build(dir, 'site');
    expect(reverted).toMatchObject({ unchanged: 30, parsed: 1, rendered: 2 + 4 + 3 });
    expect(reverted.tree).toEqual(added.tree);
    expect(reverted.tree).toEqual(clean(dir).tree);
  }, 60_000);

  it('detects a truncated or rewritten cache entry and renders that file again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-cache-'));
    temporary.push(dir);
    archive(dir, 12);
    build(dir, 'site');
    const entries = readdirSync(join(dir, 'cache', 'files')).sort();
    const [truncated, rewritten] = [entries[0] ?? '', entries[1] ?? ''];
    truncateSync(join(dir, 'cache', 'files', truncated), 10);
    const size = readFileSync(join(dir, 'cache', 'files', rewritten)).length;
    writeFileSync(join(dir, 'cache', 'files', rewritten), 'x'.repeat(size));
    const rebuilt = build(dir, 'site');
    expect(rebuilt.damaged).toBe(2);
    expect(rebuilt.rendered).toBe(2);
    expect(rebuilt.tree).toEqual(clean(dir).tree);
  }, 60_000);

  it('drops the parse cache when a stored body is damaged, and builds from the files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-cache-'));
    temporary.push(dir);
    archive(dir, 12);
    build(dir, 'site');
    const bodies = join(dir, 'parse', 'bodies.bin');
    const bytes = readFileSync(bodies);
    bytes.fill(0x2a, 100, 200);
    writeFileSync(bodies, bytes);
    // Bodies are read only to render: without the render cache every one of them is.
    rmSync(join(dir, 'cache'), { recursive: true });
    const rebuilt = build(dir, 'site');
    expect(rebuilt.stderr).toContain('a stored article body does not match its checksum; dropping the parse cache');
    expect(rebuilt).toMatchObject({ unchanged: 0, parsed: 12 });
    expect(rebuilt.tree).toEqual(clean(dir).tree);
    expect(build(dir, 'site')).toMatchObject({ unchanged: 12, parsed: 0, rendered: 0, damaged: 0 });
  }, 60_000);

  it('builds everything again when site.yaml changes or the index is damaged, never a stale mix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirefeed-cache-'));
    temporary.push(dir);
    archive(dir, 12);
    const first = build(dir, 'site');
    writeFileSync(join(dir, 'content', 'site.yaml'), 'title: Renamed desk\npageSize: 5\ntimeZone: Asia/Shanghai\n');
    const renamed = build(dir, 'site');
    expect(renamed).toMatchObject({ unchanged: 0, parsed: 12, reused: 0, rendered: first.rendered });
    expect(renamed.tree).toEqual(clean(dir).tree);

    writeFileSync(join(dir, 'cache', 'index.json'), '{"not": "checked"}');
    writeFileSync(join(dir, 'parse', 'index', '7.bin'), '{"not": "checked"}');
    const afterDamage = build(dir, 'site');
    expect(afterDamage).toMatchObject({ unchanged: 0, parsed: 12, reused: 0, rendered: first.rendered });
    expect(afterDamage.tree).toEqual(renamed.tree);
  }, 60_000);
});
