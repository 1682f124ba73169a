import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/catalog/load-content.ts';
import { ContentError } from '../../../src/content/content-error.ts';
import { formatProblemsPerFile } from '../../../src/content/problem-limit.ts';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function contentWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-bounds-'));
  temporary.push(dir);
  mkdirSync(join(dir, 'content', 'articles'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'content', 'articles', name), text);
  return dir;
}

async function contentError(dir: string, options = {}): Promise<ContentError> {
  const error = await loadContent(join(dir, 'content'), options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ContentError)) throw new Error(`expected a ContentError, got ${String(error)}`);
  return error;
}

describe('article size bounds', () => {
  it('refuses an article file over 128 KiB by name, before parsing it', async () => {
    const dir = contentWith({
      'big.txt': `Big\n2025-07-16\n${'x'.repeat(200_000)}\n`,
      'ok.txt': 'Ok\n2025-07-16\nFine.\n',
    });
    const error = await contentError(dir);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.file).toMatch(/articles\/big\.txt$/);
    expect(error.problems[0]?.message).toBe(
      'is 200,016 bytes; an article may be at most 131,072 bytes (split it, or shorten it)',
    );
  });

  it('refuses a field over 4 KiB, naming the field', async () => {
    const dir = contentWith({ 'long.txt': `Long\n2025-07-16\nBody.\nEditor: ${'e'.repeat(5000)}\n` });
    const error = await contentError(dir);
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'editor is 5,000 bytes; at most 4,096 are allowed',
    ]);
  });

  it('takes smaller bounds from the options', async () => {
    const dir = contentWith({ 'ok.txt': 'Ok\n2025-07-16\nFine, but longer than ten bytes.\n' });
    const error = await contentError(dir, {
      bounds: { maxFileBytes: 10, maxFieldBytes: 4096, maxHeaderUrlLength: 2048 },
    });
    expect(error.problems[0]?.message).toMatch(/^is 47 bytes; an article may be at most 10 bytes/);
  });
});

describe('a file with very many problems', () => {
  it('is reported without overflowing the stack, at most 20 lines of it printed with a count of the rest', async () => {
    const lines = Array.from({ length: 200_000 }, () => 'Editor: someone');
    const dir = contentWith({ 'many.txt': `Many\n2025-07-16\nBody.\n${lines.join('\n')}\n` });
    const error = await contentError(dir, {
      bounds: { maxFileBytes: 1 << 24, maxFieldBytes: 4096, maxHeaderUrlLength: 2048 },
    });
    expect(error.problems.length).toBe(199_999);
    const printed = formatProblemsPerFile(error.problems).split('\n');
    expect(printed).toHaveLength(21);
    expect(printed[0]).toMatch(/articles\/many\.txt:5: the editor is given twice \(first on line 4\)$/);
    expect(printed[20]).toMatch(/articles\/many\.txt: … and 199979 more problem\(s\) in this file$/);
  });
});

describe('symbolic links in content/', () => {
  it('refuses links that lead outside content/ without quoting the target', async () => {
    const dir = contentWith({});
    writeFileSync(join(dir, 'secret.txt'), 'Secret\n2025-07-16\nroot:x:0:0:secret line two\n');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'content', 'articles', 'outside.txt'));
    symlinkSync('/etc/passwd', join(dir, 'content', 'articles', 'passwd.txt'));
    const error = await contentError(dir);
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'is a symbolic link that leads outside content/, which is not followed: copy the file into articles/',
      'is a symbolic link that leads outside content/, which is not followed: copy the file into articles/',
    ]);
    expect(error.message).not.toMatch(/secret|root:|\/etc\//);
  });
});
