import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashWorkerCode } from '../../../src/catalog/worker-code-hash.ts';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the project's src/ and package-lock.json, to edit freely. */
function copyOfProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-code-'));
  temporary.push(dir);
  cpSync('src', join(dir, 'src'), { recursive: true });
  cpSync('package-lock.json', join(dir, 'package-lock.json'));
  return dir;
}

describe('the Worker code hash', () => {
  it('is the same when nothing changes, and changes with a renderer', async () => {
    const dir = copyOfProject();
    const before = await hashWorkerCode(dir);
    expect(await hashWorkerCode(dir)).toBe(before);
    const rss = join(dir, 'src', 'render', 'rss.ts');
    writeFileSync(
      rss,
      readFileSync(rss, 'utf8').replace(
        "element('generator', {}, 'wirefeed')",
        "element('generator', {}, 'wirefeed 2')",
      ),
    );
    expect(await hashWorkerCode(dir)).not.toBe(before);
  });

  it('changes with hono, and not with build-only code or content', async () => {
    const dir = copyOfProject();
    const before = await hashWorkerCode(dir);
    writeFileSync(join(dir, 'src', 'catalog', 'cli.ts'), '// edited\n', { flag: 'a' });
    writeFileSync(join(dir, 'src', 'generated', 'site-manifest.js'), 'export default {};\n');
    expect(await hashWorkerCode(dir)).toBe(before);
    const lock = join(dir, 'package-lock.json');
    writeFileSync(
      lock,
      readFileSync(lock, 'utf8').replace(/("node_modules\/hono": \{\s*"version": ")[^"]+/, '$19.9.9'),
    );
    expect(await hashWorkerCode(dir)).not.toBe(before);
  });
});
