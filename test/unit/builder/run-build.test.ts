// runBuild() from content folders to folder archives, served back through the real app: incremental publishes give
// the bytes a clean one gives, threads change nothing, and a failure leaves the live version as it was.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { flushArchiveState } from '../../../src/builder/archive/archive-state-store.ts';
import type { ArchiveTarget } from '../../../src/builder/archive/archive-target.ts';
import { dirTarget } from '../../../src/builder/archive/dir-target.ts';
import { openBuildPool } from '../../../src/builder/render/build-pool.ts';
import { runBuild } from '../../../src/builder/run-build.ts';
import { ContentError } from '../../../src/content/content-error.ts';
import { removeWorkspaces, routes, served, workspace } from '../../support/build-workspace.ts';

afterAll(removeWorkspaces);

const story = (n: number, date = '2025-08-01 09:00') =>
  `Story ${n}\n${date}\nThe body of story ${n}.\nSource: www.news.cn\n`;

const releasedBy = Date.UTC(2026, 0, 1);

describe('runBuild into a folder archive', () => {
  it('publishes every article, then builds nothing when nothing changed', async () => {
    const space = workspace();
    const options = { contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy };
    const first = await runBuild(options);
    expect(first.articles).toBe(4);
    expect(first.plan?.rendered).toBe(4);
    expect(first.sequence).toBe(1);
    const page = await served(space.archive, ['/articles/alpha']);
    expect(page['/articles/alpha']).toMatch(/^200 /);
    const again = await runBuild(options);
    expect(again.plan?.rendered).toBe(0);
    expect(again.uploaded?.objects).toBe(0);
    expect(again.sequence).toBe(1);
    expect(again.root).toBe(first.root);
  });

  it('renders one article for one new or edited, and serves what a clean build of the same content serves', async () => {
    const space = workspace();
    const options = { contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy };
    await runBuild(options);
    space.write('articles/story-1.txt', story(1));
    expect((await runBuild(options)).plan?.rendered).toBe(1);
    space.write('articles/story-2.txt', story(2, '2025-08-02 09:00'));
    space.write(
      'articles/beta.txt',
      readFileSync(join(space.content, 'articles/beta.txt'), 'utf8').replace('\n', ' (edited)\n'),
    );
    const third = await runBuild(options);
    expect(third.plan?.rendered).toBe(2);
    expect(third.sequence).toBe(3);

    const clean = workspace();
    cpSync(space.content, clean.content, { recursive: true });
    await runBuild({ contentDir: clean.content, cacheDir: clean.cache, target: dirTarget(clean.archive), releasedBy });
    expect(await served(space.archive, routes)).toEqual(await served(clean.archive, routes));
  });

  it('lists what is scheduled, soonest first, each file named as the publisher would type it', async () => {
    const space = workspace();
    space.write('articles/later.md', '---\ntitle: Later\ndate: 2030-01-02 09:00 +08:00\n---\n\nBody.\n');
    space.write(
      'articles/sooner.md',
      '---\ntitle: Sooner\ndate: 2025-08-01 09:00 +08:00\nembargo: 2030-01-01T00:00:00Z\n---\n\nBody.\n',
    );
    const report = await runBuild({
      contentDir: space.content,
      cacheDir: space.cache,
      target: dirTarget(space.archive),
      releasedBy,
    });
    expect(report.scheduled).toEqual([
      { file: join(space.content, 'articles/sooner.md'), at: Date.parse('2030-01-01T00:00:00Z') },
      { file: join(space.content, 'articles/later.md'), at: Date.parse('2030-01-02T01:00:00Z') },
    ]);
    expect(await served(space.archive, ['/articles/later', '/articles/sooner'])).toEqual({
      '/articles/later': expect.stringMatching(/^404 /),
      '/articles/sooner': expect.stringMatching(/^404 /),
    });
  });

  it.each([
    ['kept in this process', false],
    ['read back from its file', true],
  ])(
    'serves what a clean build serves after an edit, an addition and a removal over several slug shards, the state %s',
    {
      timeout: 180_000,
    },
    async (_, fromFile) => {
      // 1,100 articles make four shards; a shard none of whose members changed is reused from the previous state
      // without being encoded again (plan-archive.ts), which must never serve a stale location.
      const space = workspace();
      const many = Array.from({ length: 1100 }, (_, index) => index + 1);
      for (const n of many)
        space.write(`articles/story-${n}.txt`, story(n, `2025-07-${String(1 + (n % 28)).padStart(2, '0')} 09:00`));
      const options = {
        contentDir: space.content,
        cacheDir: space.cache,
        target: dirTarget(space.archive),
        releasedBy,
      };
      await runBuild(options);
      space.write('articles/story-7.txt', story(7).replace('The body', 'The edited body'));
      space.write('articles/story-1101.txt', story(1101, '2025-07-30 09:00'));
      rmSync(join(space.content, 'articles/story-3.txt'));
      // Another stamp on the kept state: this process must read it back from the file, as a new process would.
      if (fromFile)
        for (const file of readdirSync(join(space.cache, 'archive')).filter((name) => name.endsWith('.bin')))
          utimesSync(join(space.cache, 'archive', file), new Date(2001, 0, 1), new Date(2001, 0, 1));
      const edit = await runBuild(options);
      expect(edit.plan?.rendered).toBe(2);
      expect(edit.previousFrom).toBe('cache');
      // Three of the four shards changed at most: at least one is taken as it was.
      expect(edit.plan?.pieces.reused).toBeGreaterThan(0);

      const clean = workspace();
      cpSync(space.content, clean.content, { recursive: true });
      await runBuild({
        contentDir: clean.content,
        cacheDir: clean.cache,
        target: dirTarget(clean.archive),
        releasedBy,
      });
      const paths = [...new Set([...[...many, 1101].map((n) => `/articles/story-${n}`), ...routes])];
      const incremental = await served(space.archive, paths);
      expect(incremental['/articles/story-7']).toContain('The edited body');
      expect(incremental['/articles/story-3']).toMatch(/^404 /);
      expect(incremental['/articles/story-1101']).toMatch(/^200 /);
      expect(Object.keys(incremental)).toHaveLength(1101 + routes.length - 2);
      expect(incremental).toEqual(await served(clean.archive, paths));
    },
  );

  it('tells the search index exactly what a publish changed: the new and edited, the removed and retracted', async () => {
    const space = workspace();
    for (const n of [1, 2, 3, 4]) space.write(`articles/story-${n}.txt`, story(n));
    const calls: { upsert: string[]; remove: string[]; reset: boolean }[] = [];
    const folder = dirTarget(space.archive);
    const target: ArchiveTarget = {
      ...folder,
      index: async (batch) => {
        calls.push({
          upsert: batch.upsert.map((row) => row.slug).sort(),
          remove: [...batch.remove].sort(),
          reset: batch.reset === true,
        });
      },
    };
    const options = { contentDir: space.content, cacheDir: space.cache, target, releasedBy };
    await runBuild(options);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.reset).toBe(true);
    space.write('articles/story-1.txt', story(1).replace('The body', 'The edited body'));
    space.write('articles/story-5.txt', story(5));
    rmSync(join(space.content, 'articles/story-2.txt'));
    space.write('articles/story-3.yaml', 'retracted:\n  date: 2025-08-10 09:00\n  reason: The agency withdrew it.\n');
    const report = await runBuild(options);
    expect(report.indexed).toEqual({ upserted: 2, removed: 2, reset: false });
    expect(calls.slice(1)).toEqual([{ upsert: ['story-1', 'story-5'], remove: ['story-2', 'story-3'], reset: false }]);
  });

  it('serves a reverted edit exactly as before the edit', async () => {
    const space = workspace();
    const options = { contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy };
    await runBuild(options);
    const before = await served(space.archive, routes);
    const beta = join(space.content, 'articles/beta.txt');
    const original = readFileSync(beta, 'utf8');
    writeFileSync(beta, original.replace('\n', ' (edited)\n'));
    await runBuild(options);
    expect(await served(space.archive, routes)).not.toEqual(before);
    writeFileSync(beta, original);
    await runBuild(options);
    expect(await served(space.archive, routes)).toEqual(before);
  });

  it('serves the same bytes whether two threads render or one', { timeout: 60_000 }, async () => {
    const one = workspace();
    const two = workspace();
    for (const space of [one, two])
      for (let n = 1; n <= 40; n++)
        space.write(`articles/story-${n}.txt`, story(n, `2025-08-${String(1 + (n % 28)).padStart(2, '0')} 09:00`));
    await runBuild({ contentDir: one.content, cacheDir: one.cache, target: dirTarget(one.archive), releasedBy });
    const pool = openBuildPool(2);
    try {
      await runBuild({
        contentDir: two.content,
        cacheDir: two.cache,
        target: dirTarget(two.archive),
        releasedBy,
        pool,
      });
    } finally {
      await pool.close();
    }
    const paths = [...routes, '/rss.xml?page=2', '/?page=3', '/articles/story-33'];
    expect(await served(two.archive, paths)).toEqual(await served(one.archive, paths));
  });

  it('builds on the live version read back from the archive when the local state is lost', async () => {
    const space = workspace();
    const options = { contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy };
    await runBuild(options);
    rmSync(join(space.cache, 'archive'), { recursive: true, force: true });
    space.write('articles/story-1.txt', story(1));
    const report = await runBuild(options);
    expect(report.previousFrom).toBe('archive');
    expect(report.plan?.rendered).toBe(1);
  });

  it('renders everything again when site.yaml changes', async () => {
    const space = workspace();
    const options = { contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy };
    await runBuild(options);
    space.write('site.yaml', 'title: Renamed site\ntimeZone: Asia/Shanghai\nbaseUrl: https://news.example.com/\n');
    expect((await runBuild(options)).plan?.rendered).toBe(4);
  });

  it('drops a damaged parse cache and builds from the files', async () => {
    const space = workspace();
    const options = { contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy };
    await runBuild(options);
    const bodies = readdirSync(join(space.cache, 'parse')).find((name) => name.startsWith('bodies'));
    if (bodies === undefined) throw new Error('no body file');
    const file = join(space.cache, 'parse', bodies);
    writeFileSync(file, Buffer.alloc(readFileSync(file).length, 0x20));
    space.write('site.yaml', 'title: Good site again\ntimeZone: Asia/Shanghai\nbaseUrl: https://news.example.com/\n');
    const report = await runBuild(options);
    expect(report.plan?.rendered).toBe(4);
    expect((await served(space.archive, ['/articles/alpha']))['/articles/alpha']).toMatch(/^200 /);
  });
});

describe('runBuild as a --watch process runs it, told what each save changed', () => {
  // Each save's build carries the files nothing changed over from the last one (parse-articles.ts): after every step
  // the site must serve what a clean build of the same content serves.
  it('parses what a save changed and the files of its name, and serves what a clean build serves', async () => {
    const space = workspace();
    const options = { contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy };
    await runBuild(options);
    // Each step's content and what the site served then; built clean at the end (a build of other content in between
    // would be the process's last parse, and nothing would be carried over).
    const steps: { content: string; served: Record<string, string> }[] = [];
    const matchesClean = async () => {
      const copy = workspace();
      rmSync(copy.content, { recursive: true });
      cpSync(space.content, copy.content, { recursive: true });
      steps.push({ content: copy.content, served: await served(space.archive, routes) });
    };
    const save = (...changed: string[]) => runBuild({ ...options, changed: new Set(changed) });

    space.write(
      'articles/beta.txt',
      readFileSync(join(space.content, 'articles/beta.txt'), 'utf8').replace('\n', ' (edited)\n'),
    );
    const edited = await save('articles/beta.txt');
    expect(edited.parsed).toEqual({ reused: 3, parsed: 1, changesFrom: 'watcher' });
    expect(edited.plan?.rendered).toBe(1);
    await matchesClean();

    // A sidecar saved beside a wire copy nothing else changed: the wire copy is parsed again with it.
    space.write('articles/older.yaml', 'summary: A summary the desk wrote.\n');
    const sidecar = await save('articles/older.yaml');
    expect(sidecar.parsed.parsed).toBe(1);
    expect(sidecar.plan?.rendered).toBe(1);
    expect((await served(space.archive, ['/articles/older']))['/articles/older']).toContain(
      'A summary the desk wrote.',
    );
    await matchesClean();

    // The wire copy deleted: its sidecar, which did not change, is alone, and the build says so.
    const older = readFileSync(join(space.content, 'articles/older.txt'), 'utf8');
    rmSync(join(space.content, 'articles/older.txt'));
    const refused = await save('articles/older.txt').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContentError);
    expect((refused as ContentError).problems.map((problem) => problem.file)).toEqual([
      expect.stringMatching(/articles\/older\.yaml$/),
    ]);
    writeFileSync(join(space.content, 'articles/older.txt'), older);
    expect((await save('articles/older.txt')).plan?.rendered).toBe(0);
    await matchesClean();

    // A folder renamed: its articles leave with the old name and come back with the new one.
    cpSync(join(space.content, 'articles/2025'), join(space.content, 'articles/2024'), { recursive: true });
    rmSync(join(space.content, 'articles/2025'), { recursive: true });
    const moved = await save('articles/2025', 'articles/2024');
    expect(moved.parsed).toEqual({ reused: 3, parsed: 1, changesFrom: 'watcher' });
    await matchesClean();

    // A folder replaced, the watcher naming only the folder: the files below it are parsed again.
    const alpha = join(space.content, 'articles/2024/alpha.txt');
    const replacement = readFileSync(alpha, 'utf8').replace('\n', ' (replaced)\n');
    rmSync(join(space.content, 'articles/2024'), { recursive: true });
    mkdirSync(join(space.content, 'articles/2024'));
    writeFileSync(alpha, replacement);
    expect((await save('articles/2024')).plan?.rendered).toBe(1);
    await matchesClean();

    // Nothing changed: every article carried over, nothing rendered.
    const quiet = await save();
    expect(quiet.parsed).toEqual({ reused: 4, parsed: 0, changesFrom: 'watcher' });
    expect(quiet.plan?.rendered).toBe(0);
    expect((await served(space.archive, ['/articles/beta']))['/articles/beta']).toContain('(edited)');

    expect(steps).toHaveLength(5);
    for (const step of steps) {
      const clean = join(step.content, '..');
      await runBuild({
        contentDir: step.content,
        cacheDir: join(clean, 'cache'),
        target: dirTarget(join(clean, 'archive')),
        releasedBy,
      });
      expect(step.served).toEqual(await served(join(clean, 'archive'), routes));
    }
  });
});

describe('the archive state of a --watch publisher', () => {
  it('is planned on at once and written once saves pause, or when the process ends', async () => {
    const space = workspace();
    const options = { contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy };
    const first = await runBuild(options);
    const keptRoot = () => {
      const folder = join(space.cache, 'archive');
      const file = readdirSync(folder).find((name) => /^state-[0-9a-f]{16}\.bin$/.test(name));
      return file && (deserialize(readFileSync(join(folder, file))) as { root: string }).root;
    };
    expect(keptRoot()).toBe(first.root);
    const later = { ...options, stateWriteDelayMs: 400 };
    space.write('articles/story-1.txt', story(1));
    const second = await runBuild({ ...later, changed: new Set(['articles/story-1.txt']) });
    // Not yet written, yet the next build plans on it (from this process's memory, not the archive).
    expect(keptRoot()).toBe(first.root);
    space.write('articles/story-2.txt', story(2));
    const third = await runBuild({ ...later, changed: new Set(['articles/story-2.txt']) });
    expect(third.previousFrom).toBe('cache');
    expect(third.plan?.rendered).toBe(1);
    expect(keptRoot()).toBe(first.root);
    await new Promise((resolve) => setTimeout(resolve, 600));
    // The last of the burst was written; the second never was.
    expect(keptRoot()).toBe(third.root);
    expect(second.root).not.toBe(third.root);
    space.write('articles/story-3.txt', story(3));
    const fourth = await runBuild({ ...later, changed: new Set(['articles/story-3.txt']) });
    flushArchiveState();
    expect(keptRoot()).toBe(fourth.root);
  });
});

describe('runBuild failures leave the live version', () => {
  it('names every bad file at once and publishes nothing', async () => {
    const space = workspace('several-bad');
    const error = await runBuild({
      contentDir: space.content,
      cacheDir: space.cache,
      target: dirTarget(space.archive),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentError);
    expect(
      new Set((error as ContentError).problems.map((problem) => problem.file.split('/').pop())).size,
    ).toBeGreaterThan(2);
    expect(existsSync(join(space.archive, 'live'))).toBe(false);
  });

  it('fails naming the object when an upload keeps failing, the live version untouched', async () => {
    const space = workspace();
    const options = { contentDir: space.content, cacheDir: space.cache, target: dirTarget(space.archive), releasedBy };
    const first = await runBuild(options);
    space.write('articles/story-1.txt', story(1));
    const inner = dirTarget(space.archive);
    const failing: ArchiveTarget = {
      ...inner,
      putObject: async (hash) => {
        throw new Error(`upload objects/${hash} failed 4 times (connection reset)`);
      },
    };
    await expect(runBuild({ ...options, target: failing })).rejects.toThrow(/objects\/[0-9a-f]{64}/);
    expect(JSON.parse(readFileSync(join(space.archive, 'live'), 'utf8')).root).toBe(first.root);
    // The next run completes the job.
    expect((await runBuild(options)).sequence).toBe(2);
  });
});
