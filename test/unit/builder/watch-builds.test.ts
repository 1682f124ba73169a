import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchBuilds } from '../../../src/builder/watch-builds.ts';
import { contentWith } from '../../support/content-folder.ts';
import { processTimeout } from '../../support/timeouts.ts';

describe('cli.ts --watch', { timeout: processTimeout }, () => {
  it('builds at once, then again with the files a save changed', async () => {
    const dir = contentWith();
    const builds: (string[] | undefined)[] = [];
    let second: (() => void) | undefined;
    const secondBuild = new Promise<void>((resolve) => {
      second = resolve;
    });
    const statuses: number[] = [];
    const watcher = await watchBuilds({
      contentDir: dir,
      build: async (changed) => {
        builds.push(changed && [...changed].sort());
        return builds.length === 1 ? 0 : 1;
      },
      report: (status) => {
        statuses.push(status);
        if (statuses.length === 2) second?.();
      },
    });
    expect(builds).toEqual([undefined]);
    writeFileSync(join(dir, 'articles', 'story.txt'), 'Title\n2026-12-01\n\nBody.\n');
    await secondBuild;
    watcher.close();
    expect(builds[1]).toContain('articles/story.txt');
    expect(statuses).toEqual([0, 1]);
  });

  it('builds once more when a save lands during a build, never two builds at once', async () => {
    const dir = contentWith();
    let running = 0;
    let overlapped = false;
    let count = 0;
    let third: (() => void) | undefined;
    const thirdBuild = new Promise<void>((resolve) => {
      third = resolve;
    });
    let release: (() => void) | undefined;
    const watcher = await watchBuilds({
      contentDir: dir,
      build: async () => {
        count++;
        running++;
        overlapped ||= running > 1;
        // The second build waits until two more saves have landed while it runs.
        if (count === 2) await new Promise<void>((resolve) => (release = resolve));
        running--;
        if (count === 3) third?.();
        return 0;
      },
    });
    writeFileSync(join(dir, 'articles', 'a.txt'), 'one');
    while (!release) await new Promise((resolve) => setTimeout(resolve, 10));
    writeFileSync(join(dir, 'articles', 'b.txt'), 'two');
    writeFileSync(join(dir, 'articles', 'c.txt'), 'three');
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await thirdBuild;
    watcher.close();
    expect(count).toBe(3);
    expect(overlapped).toBe(false);
  });

  it('tells the build after a failed one what the failed one was told, too', async () => {
    const dir = contentWith();
    const builds: (string[] | undefined)[] = [];
    let third: (() => void) | undefined;
    const thirdBuild = new Promise<void>((resolve) => {
      third = resolve;
    });
    const watcher = await watchBuilds({
      contentDir: dir,
      build: async (changed) => {
        builds.push(changed && [...changed].sort());
        if (builds.length === 3) third?.();
        // The second build fails (a problem in b.txt): nothing it saw was published.
        return builds.length === 2 ? 1 : 0;
      },
    });
    writeFileSync(join(dir, 'articles', 'a.txt'), 'A\n2026-12-01\n\nGood.\n');
    writeFileSync(join(dir, 'articles', 'b.txt'), 'not an article');
    while (builds.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    writeFileSync(join(dir, 'articles', 'b.txt'), 'B\n2026-12-01\n\nFixed.\n');
    await thirdBuild;
    watcher.close();
    expect(builds).toHaveLength(3);
    expect(builds[2]).toEqual(expect.arrayContaining(['articles/a.txt', 'articles/b.txt']));
  });

  it('sees files in a folder made after it started, and nothing inside a dot-folder such as .git', async () => {
    const dir = contentWith();
    const builds: (string[] | undefined)[] = [];
    const watcher = await watchBuilds({
      contentDir: dir,
      build: async (changed) => {
        builds.push(changed && [...changed].sort());
        return 0;
      },
    });
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'articles', 'desk'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    writeFileSync(join(dir, '.git', 'index.lock'), 'git at work');
    writeFileSync(join(dir, 'articles', 'desk', 'story.txt'), 'Title\n2026-12-01\n\nBody.\n');
    while (!builds.some((seen) => seen?.includes('articles/desk/story.txt')))
      await new Promise((resolve) => setTimeout(resolve, 20));
    watcher.close();
    const named = builds.flatMap((seen) => seen ?? []);
    expect(named).toContain('articles/desk/story.txt');
    expect(named.filter((path) => path.startsWith('.git/'))).toEqual([]);
  });
});
