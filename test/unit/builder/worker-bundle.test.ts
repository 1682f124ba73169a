// The Worker's code version is the hash of its bundle: it moves exactly when the code the Worker runs moves.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workerBundleHash } from '../../../src/builder/worker-bundle.ts';
import { processTimeout } from '../../support/timeouts.ts';

const project = mkdtempSync(join(tmpdir(), 'wirefeed-code-'));
cpSync('src', join(project, 'src'), { recursive: true });
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Replaces `from` by `to` in one file of the copy (failing when `from` is not there), hashes, and puts it back. */
async function hashWithEdit(path: string, from: string, to: string): Promise<string> {
  const file = join(project, 'src', path);
  const original = readFileSync(file, 'utf8');
  expect(original, `${path} holds ${from}`).toContain(from);
  writeFileSync(file, original.replace(from, to));
  try {
    return await workerBundleHash(project);
  } finally {
    writeFileSync(file, original);
  }
}

// Bundling takes a second or two on a loaded machine; each test bundles several times.
describe('the Worker code version', () => {
  it(
    'is the same every time for the same code',
    async () => {
      const first = await workerBundleHash(project);
      expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(await workerBundleHash(project)).toBe(first);
    },
    processTimeout,
  );

  // One request-time helper per folder the Worker imports, each edited so it behaves differently.
  const requestTimeEdits: readonly (readonly [path: string, from: string, to: string])[] = [
    ['shared/utf8.ts', 'bytes += 4;', 'bytes += 5;'],
    ['model/response-kinds.ts', "'Access-Control-Max-Age': '86400'", "'Access-Control-Max-Age': '86401'"],
    ['render/rss.ts', "element('generator', {}, 'wirefeed')", "element('generator', {}, 'wirefeed 2')"],
    ['archive/record-file.ts', 'const samples = 64;', 'const samples = 65;'],
    ['worker/http/serve.ts', '{ status: 304, headers: kept }', '{ status: 200, headers: kept }'],
    ['app.ts', 'status: 204', 'status: 200'],
  ];

  it(
    'changes with a request-time helper in every folder the Worker imports',
    async () => {
      const before = await workerBundleHash(project);
      let changed = 0;
      for (const [path, from, to] of requestTimeEdits) {
        expect(await hashWithEdit(path, from, to), path).not.toBe(before);
        changed++;
      }
      expect(changed).toBe(6);
    },
    processTimeout,
  );

  it(
    'stays the same for build-only code, content parsing and comments',
    async () => {
      const before = await workerBundleHash(project);
      const buildOnlyEdits: readonly (readonly [string, string, string])[] = [
        ['builder/cli.ts', 'const usage = `usage:', 'const usage = `Usage:'],
        ['builder/render/build-pool.ts', 'export', '// edited\nexport'],
        ['builder/media/publish-media.ts', 'export', '// edited\nexport'],
        ['content/wire-copy.ts', 'export', '// edited\nexport'],
        ['render/rss.ts', '/**', '/** Edited. '],
      ];
      let unchanged = 0;
      for (const [path, from, to] of buildOnlyEdits) {
        expect(await hashWithEdit(path, from, to), path).toBe(before);
        unchanged++;
      }
      expect(unchanged).toBe(5);
    },
    processTimeout,
  );
});
