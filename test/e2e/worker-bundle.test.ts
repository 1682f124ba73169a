// The Worker bundle is code only: wrangler bundles the same bytes whatever content/ holds, so publishing never
// needs a deploy. Two copies of the project, two different content folders, `wrangler deploy --dry-run` in each.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'wirefeed-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const wrangler = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');

/** A copy of the project's code (the same path each time: the source map names its folder). */
const project = join(scratch, 'project');
mkdirSync(project);
for (const entry of ['src', 'scripts', 'migrations', 'wrangler.toml', 'package.json', 'tsconfig.json'])
  cpSync(join(root, entry), join(project, entry), { recursive: true });
symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');

/** The copy with `content` written as its content/, bundled by wrangler from scratch; every file of its output. */
function bundle(content: (dir: string) => void): Map<string, Buffer> {
  for (const dir of ['content', 'dist', '.wrangler']) rmSync(join(project, dir), { recursive: true, force: true });
  rmSync(join(project, 'src', 'generated', 'code-version.ts'), { force: true }); // as in a fresh clone
  content(join(project, 'content'));
  const out = join(project, 'dist');
  const run = spawnSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', out], {
    cwd: project,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  // Not README.md: wrangler's note on the folder, stamped with the time it was written.
  const files = readdirSync(out).filter((file) => file !== 'README.md');
  return new Map(files.map((file) => [file, readFileSync(join(out, file))]));
}

describe('the Worker bundle', () => {
  it('is byte-identical for two different content folders', () => {
    const seedOnly = bundle((dir) => cpSync(join(root, 'content'), dir, { recursive: true }));
    const other = bundle((dir) => {
      mkdirSync(join(dir, 'articles'), { recursive: true });
      mkdirSync(join(dir, 'media'), { recursive: true });
      writeFileSync(join(dir, 'site.yaml'), readFileSync(join(root, 'content', 'site.yaml')));
      for (let n = 0; n < 50; n++)
        writeFileSync(
          join(dir, 'articles', `story-${n}.md`),
          `---\ntitle: Story ${n}\ndate: 2026-01-${String((n % 28) + 1).padStart(2, '0')} 09:00 +08:00\n---\n\nBody ${n}.\n`,
        );
      writeFileSync(join(dir, 'media', 'picture.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    });
    expect([...seedOnly.keys()].sort()).toEqual([...other.keys()].sort());
    expect([...seedOnly.keys()].sort()).toEqual(['index.js', 'index.js.map']);
    for (const [file, bytes] of seedOnly) expect(bytes.equals(other.get(file) as Buffer), file).toBe(true);
    // And no content inside: the seed's headline is nowhere in the bundle.
    const everything = Buffer.concat([...seedOnly.values()]).toString('utf8');
    expect(everything).not.toContain('Bridging the Global Digital Divide');
  });
});
