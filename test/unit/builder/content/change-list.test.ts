// A publish of a content folder kept in git looks only at what git says changed (change-list.ts), and serves exactly
// what a clean build of the same files serves, whatever the change: an edit committed or not, an edit undone, a new
// file, an ignored one, a deletion, a folder moved, a commit, a link whose target changed.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dirTarget } from '../../../../src/builder/archive/dir-target.ts';
import { type BuildReport, runBuild } from '../../../../src/builder/run-build.ts';
import { removeWorkspaces, routes, served, workspace } from '../../../support/build-workspace.ts';
import { processTimeout } from '../../../support/timeouts.ts';

afterAll(removeWorkspaces);

const releasedBy = Date.UTC(2026, 0, 1);
const story = (n: number, body = `The body of story ${n}.`) =>
  `Story ${n}\n2025-08-${String(1 + (n % 28)).padStart(2, '0')} 09:00\n${body}\nSource: www.news.cn\n`;

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-C', dir, '-c', 'user.name=Desk', '-c', 'user.email=desk@news.example', ...args], {
    stdio: 'ignore',
  });
}

/**
 * A project under git with content/ in it (as `npm run publish` runs in one: the caches beside it ignored), a few
 * stories (one in a sub-folder), committed, and published once.
 */
async function published() {
  const space = workspace();
  mkdirSync(join(space.content, 'articles', 'desk'));
  for (const n of [1, 2, 3]) space.write(`articles/story-${n}.txt`, story(n));
  space.write('articles/desk/story-4.txt', story(4));
  writeFileSync(join(space.dir, '.gitignore'), 'cache/\narchive/\nrestored-cache/\ncontent/articles/ignored-*\n');
  git(space.dir, 'init', '-q');
  git(space.dir, 'add', '-A');
  git(space.dir, 'commit', '-qm', 'the desk');
  const publish = () =>
    runBuild({ contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy });
  const first = await publish();
  expect(first.parsed.changesFrom).toBe('none');
  return { space, publish };
}

/** The routes and every story's page as the incremental archive serves them, against a clean build of the same files. */
async function sameAsClean(space: ReturnType<typeof workspace>): Promise<Record<string, string>> {
  const clean = workspace();
  rmSync(clean.content, { recursive: true });
  cpSync(space.content, clean.content, { recursive: true, verbatimSymlinks: true });
  await runBuild({ contentDir: clean.content, cacheDir: clean.cache, target: dirTarget(clean.archive), releasedBy });
  const stories = [1, 2, 3, 4, 5, 7].map((n) => `/articles/story-${n}`);
  const paths = [...new Set([...routes, ...stories, '/articles/ignored-6'])];
  const incremental = await served(space.archive, paths);
  expect(Object.keys(incremental)).toHaveLength(paths.length);
  expect(incremental).toEqual(await served(clean.archive, paths));
  return incremental;
}

const looked = (report: BuildReport) => [report.parsed.changesFrom, report.parsed.parsed];

describe('a publish of a content folder in git', { timeout: processTimeout }, () => {
  it('looks only at what git names, through every kind of change, and serves what a clean build serves', async () => {
    const { space, publish } = await published();
    const steps: [string, () => void, number][] = [
      ['nothing changed', () => {}, 0],
      ['an edit not committed', () => space.write('articles/story-1.txt', story(1, 'Edited, not committed.')), 1],
      ['the same edit committed', () => git(space.dir, 'commit', '-qam', 'edit'), 0],
      ['an edit undone', () => space.write('articles/story-2.txt', story(2, 'Briefly edited.')), 1],
      ['…back to the commit', () => git(space.dir, 'checkout', '--', 'content/articles/story-2.txt'), 1],
      ['a new file', () => space.write('articles/story-5.txt', story(5)), 1],
      ['an ignored file', () => space.write('articles/ignored-6.txt', story(6)), 1],
      ['a deletion', () => rmSync(join(space.content, 'articles/story-3.txt')), 0],
      [
        'a folder moved',
        () => renameSync(join(space.content, 'articles/desk'), join(space.content, 'articles/wire')),
        1,
      ],
      [
        'everything committed',
        () => {
          git(space.dir, 'add', '-A');
          git(space.dir, 'commit', '-qm', 'all');
        },
        0,
      ],
    ];
    const seen: Record<string, string> = {};
    for (const [what, change, parsed] of steps) {
      change();
      const report = await publish();
      expect([what, ...looked(report)]).toEqual([what, 'git', parsed]);
      Object.assign(seen, await sameAsClean(space));
    }
    expect(steps).toHaveLength(10);
    expect(seen['/articles/story-1']).toContain('Edited, not committed.');
    expect(seen['/articles/story-2']).toContain('The body of story 2.');
    expect(seen['/articles/story-3']).toMatch(/^404 /);
    expect(seen['/articles/ignored-6']).toMatch(/^200 /);
  });

  it('looks again at a link whose target changed, though git sees no change to the link', async () => {
    const { space, publish } = await published();
    mkdirSync(join(space.content, 'shared'));
    space.write('shared/story-7.txt', story(7));
    symlinkSync('../shared/story-7.txt', join(space.content, 'articles/story-7.txt'));
    git(space.dir, 'add', '-A');
    git(space.dir, 'commit', '-qm', 'a link');
    await publish();
    // git names the target that changed, not the link in articles/: each link is looked at in every publish.
    space.write('shared/story-7.txt', story(7, 'The shared copy, edited.'));
    expect(looked(await publish())).toEqual(['git', 1]);
    expect((await sameAsClean(space))['/articles/story-7']).toContain('The shared copy, edited.');
  });

  it('looks at every file when the parse index is not the one the last publish left', async () => {
    const { space, publish } = await published();
    space.write('articles/story-1.txt', story(1, 'Edited while the index was lost.'));
    // One shard of the index gone (another process, a disk): the change list means nothing against what is left.
    rmSync(join(space.cache, 'parse', 'index', '0.bin'));
    const report = await publish();
    expect(report.parsed.changesFrom).toBe('none');
    expect((await sameAsClean(space))['/articles/story-1']).toContain('Edited while the index was lost.');
  });

  it('uses a copy of the cache restored elsewhere, as CI restores it (new inodes and times, same bytes)', async () => {
    const { space } = await published();
    space.write('articles/story-2.txt', story(2, 'Edited before CI ran.'));
    const restored = join(space.dir, 'restored-cache');
    cpSync(space.cache, restored, { recursive: true });
    const target = dirTarget(space.archive);
    const report = await runBuild({ contentDir: space.content, cacheDir: restored, target, releasedBy });
    expect(looked(report)).toEqual(['git', 1]);
    expect((await sameAsClean(space))['/articles/story-2']).toContain('Edited before CI ran.');
  });

  it('looks at every file outside git, and after a commit it published from was lost', async () => {
    const { space, publish } = await published();
    rmSync(join(space.dir, '.git'), { recursive: true });
    space.write('articles/story-2.txt', story(2, 'Edited with no git.'));
    expect(looked(await publish())).toEqual(['none', 1]);
    git(space.dir, 'init', '-q');
    git(space.dir, 'add', '-A');
    git(space.dir, 'commit', '-qm', 'a new history');
    expect(looked(await publish())).toEqual(['none', 0]);
    expect(looked(await publish())).toEqual(['git', 0]);
    await sameAsClean(space);
  });
});
