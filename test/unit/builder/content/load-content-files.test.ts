import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../../src/builder/content/load-content.ts';
import { ContentError } from '../../../../src/content/content-error.ts';

const article = 'Title\n2025-07-16\nBody.\n';
const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A content folder whose articles/ holds the given files; returns the folder and a path shortener. */
function contentWith(setup: (articles: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-files-'));
  temporary.push(dir);
  mkdirSync(join(dir, 'articles'));
  setup(join(dir, 'articles'));
  return dir;
}

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadContent(dir);
  } catch (error) {
    if (error instanceof ContentError)
      return error.problems.map((problem) => `${problem.file.slice(dir.length + 1)}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('article files on disk', () => {
  it('publishes an article that is a symbolic link to a file', async () => {
    const dir = contentWith((articles) => {
      writeFileSync(join(articles, '..', 'elsewhere.txt'), article);
      symlinkSync(join(articles, '..', 'elsewhere.txt'), join(articles, 'linked.txt'));
    });
    const { articles } = await loadContent(dir);
    expect(articles.map((item) => item.slug)).toEqual(['linked']);
  });

  it('reports a broken symbolic link and a link to a folder instead of skipping them', async () => {
    const dir = contentWith((articles) => {
      writeFileSync(join(articles, 'good.txt'), article);
      symlinkSync(join(articles, 'missing.txt'), join(articles, 'broken.txt'));
      mkdirSync(join(articles, '..', 'more'));
      symlinkSync(join(articles, '..', 'more'), join(articles, 'more'));
    });
    expect(await problemsOf(dir)).toEqual([
      'articles/broken.txt: is a symbolic link to a file that does not exist',
      'articles/more: is a symbolic link to a folder, which is not followed: move the folder into articles/',
    ]);
  });

  it('reads .markdown files as Markdown, any extension case', async () => {
    const dir = contentWith((articles) => {
      writeFileSync(join(articles, 'long-name.markdown'), '---\ntitle: T\ndate: 2025-07-16\n---\nBody.\n');
      writeFileSync(join(articles, 'upper.TXT'), article);
    });
    const { articles } = await loadContent(dir);
    expect(articles.map((item) => [item.slug, item.format])).toEqual([
      ['long-name', 'markdown'],
      ['upper', 'wire-copy'],
    ]);
  });

  it('ignores editor backups and system files', async () => {
    const dir = contentWith((articles) => {
      writeFileSync(join(articles, 'story.txt'), article);
      writeFileSync(join(articles, 'story.txt~'), 'old');
      writeFileSync(join(articles, '#story.txt#'), 'autosave');
      writeFileSync(join(articles, 'Thumbs.db'), 'x');
      writeFileSync(join(articles, 'desktop.ini'), 'x');
    });
    const { articles } = await loadContent(dir);
    expect(articles.map((item) => item.slug)).toEqual(['story']);
  });

  it('says a UTF-16 file is UTF-16', async () => {
    const dir = contentWith((articles) => {
      writeFileSync(
        join(articles, 'wide.txt'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article, 'utf16le')]),
      );
    });
    expect(await problemsOf(dir)).toEqual(['articles/wide.txt: is UTF-16 text; save it as UTF-8']);
  });

  it('reports a NUL-filled binary file as not text rather than publishing it', async () => {
    const dir = contentWith((articles) => {
      writeFileSync(
        join(articles, 'image.txt'),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      );
    });
    const [problem] = await problemsOf(dir);
    expect(problem).toMatch(/^articles\/image\.txt: is not UTF-8 text/);
  });
});
