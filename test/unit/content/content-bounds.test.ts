import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LoadContentOptions, loadContent } from '../../../src/builder/content/load-content.ts';
import type { ContentError } from '../../../src/content/content-error.ts';
import { formatProblemsPerFile } from '../../../src/content/problem-limit.ts';
import { contentErrorOf, contentWith } from '../../support/content-folder.ts';
import { processTimeout } from '../../support/timeouts.ts';

const contentError = (dir: string, options: LoadContentOptions = {}): Promise<ContentError> =>
  contentErrorOf(loadContent(dir, options));

describe('article size bounds', { timeout: processTimeout }, () => {
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

  it('refuses a front-matter field over 4 KiB, naming the field', async () => {
    const dir = contentWith({
      'long.md': `---\ntitle: Long\ndate: 2025-07-16\neditor: ${'e'.repeat(5000)}\n---\n\nBody.\n`,
    });
    const error = await contentError(dir);
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'editor is 5,000 bytes; at most 4,096 are allowed',
    ]);
  });

  it('publishes an agency field over 4 KiB in full, with a warning: the agency text never stops the build', async () => {
    const notice = `Special statement: ${'c'.repeat(20_000)}`;
    const dir = contentWith({
      'long.txt': `Long\n2025-07-16\nBody.\nEditor: ${'e'.repeat(5000)}\n${notice}\n`,
      'ok.txt': 'Ok\n2025-07-16\nFine.\n',
    });
    const { articles, warnings } = await loadContent(dir);
    expect(articles.map((article) => article.slug).sort()).toEqual(['long', 'ok']);
    expect(articles.find((article) => article.slug === 'long')?.copyright).toBe(notice);
    expect(warnings.map((warning) => warning.message)).toEqual([
      'editor is 5,000 bytes; at most 4,096 are allowed; published in full, headers capped',
      'copyright is 20,019 bytes; at most 4,096 are allowed; published in full, headers capped',
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

describe('a file with very many problems', { timeout: processTimeout }, () => {
  it('prints at most 20 lines of a file, then a count of the rest', async () => {
    const keys = Array.from({ length: 3000 }, (_, index) => `k${index}: x`);
    const dir = contentWith({ 'many.md': `---\ntitle: Many\ndate: 2025-07-16\n${keys.join('\n')}\n---\n\nBody.\n` });
    const error = await contentError(dir);
    expect(error.problems.length).toBeGreaterThanOrEqual(3000);
    const printed = formatProblemsPerFile(error.problems).split('\n');
    expect(printed).toHaveLength(21);
    expect(printed[0]).toMatch(/articles\/many\.md:4: /);
    expect(printed[20]).toMatch(
      new RegExp(`articles/many\\.md: … and ${error.problems.length - 20} more problem\\(s\\) in this file$`),
    );
  });

  it('formats 200,000 problems of one file without a spread that overflows the stack', () => {
    const problems = Array.from({ length: 200_000 }, (_, index) => ({ file: 'a.md', line: index + 1, message: 'bad' }));
    const printed = formatProblemsPerFile([...problems, { file: 'b.md', message: 'also bad' }]).split('\n');
    expect(printed).toEqual([
      ...problems.slice(0, 20).map((problem) => `a.md:${problem.line}: bad`),
      'a.md: … and 199980 more problem(s) in this file',
      'b.md: also bad',
    ]);
  });
});

describe('symbolic links in content/', { timeout: processTimeout }, () => {
  it('refuses links that lead outside content/ without quoting the target', async () => {
    const dir = contentWith();
    writeFileSync(join(dir, '..', 'secret.txt'), 'Secret\n2025-07-16\nroot:x:0:0:secret line two\n');
    symlinkSync(join(dir, '..', 'secret.txt'), join(dir, 'articles', 'outside.txt'));
    symlinkSync('/etc/passwd', join(dir, 'articles', 'passwd.txt'));
    const error = await contentError(dir);
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'is a symbolic link that leads outside content/, which is not followed: copy the file into articles/',
      'is a symbolic link that leads outside content/, which is not followed: copy the file into articles/',
    ]);
    expect(error.message).not.toMatch(/secret|root:|\/etc\//);
  });
});
