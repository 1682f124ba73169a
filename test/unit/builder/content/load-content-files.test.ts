import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../../src/builder/content/load-content.ts';
import { contentErrorOf, contentWith } from '../../../support/content-folder.ts';
import { processTimeout } from '../../../support/timeouts.ts';

const article = 'Title\n2025-07-16\nBody.\n';

/** The problems of loading `dir`, as `path-below-dir: message`. */
async function problemsOf(dir: string): Promise<string[]> {
  const error = await contentErrorOf(loadContent(dir));
  return error.problems.map((problem) => `${problem.file.slice(dir.length + 1)}: ${problem.message}`);
}

describe('article files on disk', { timeout: processTimeout }, () => {
  it('publishes an article that is a symbolic link to a file', async () => {
    const dir = contentWith();
    writeFileSync(join(dir, 'elsewhere.txt'), article);
    symlinkSync(join(dir, 'elsewhere.txt'), join(dir, 'articles', 'linked.txt'));
    const { articles } = await loadContent(dir);
    expect(articles.map((item) => item.slug)).toEqual(['linked']);
  });

  it('reports a broken symbolic link and a link to a folder instead of skipping them', async () => {
    const dir = contentWith({ 'good.txt': article });
    symlinkSync(join(dir, 'articles', 'missing.txt'), join(dir, 'articles', 'broken.txt'));
    mkdirSync(join(dir, 'more'));
    symlinkSync(join(dir, 'more'), join(dir, 'articles', 'more'));
    expect(await problemsOf(dir)).toEqual([
      'articles/broken.txt: is a symbolic link to a file that does not exist',
      'articles/more: is a symbolic link to a folder, which is not followed: move the folder into articles/',
    ]);
  });

  it('reads .markdown files as Markdown, any extension case', async () => {
    const dir = contentWith({
      'long-name.markdown': '---\ntitle: T\ndate: 2025-07-16\n---\nBody.\n',
      'upper.TXT': article,
    });
    const { articles } = await loadContent(dir);
    expect(articles.map((item) => [item.slug, item.format])).toEqual([
      ['long-name', 'markdown'],
      ['upper', 'wire-copy'],
    ]);
  });

  it('ignores editor backups and system files', async () => {
    const dir = contentWith({
      'story.txt': article,
      'story.txt~': 'old',
      '#story.txt#': 'autosave',
      'Thumbs.db': 'x',
      'desktop.ini': 'x',
    });
    const { articles } = await loadContent(dir);
    expect(articles.map((item) => item.slug)).toEqual(['story']);
  });

  it('says a UTF-16 file is UTF-16', async () => {
    const dir = contentWith({
      'wide.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article, 'utf16le')]),
    });
    expect(await problemsOf(dir)).toEqual(['articles/wide.txt: is UTF-16 text; save it as UTF-8']);
  });

  it('reports a NUL-filled binary file as not text rather than publishing it', async () => {
    const dir = contentWith({
      'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    });
    const [problem] = await problemsOf(dir);
    expect(problem).toMatch(/^articles\/image\.txt: is not UTF-8 text/);
  });
});
