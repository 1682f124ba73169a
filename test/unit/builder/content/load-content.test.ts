import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../../src/builder/content/load-content.ts';
import {
  contentErrorOf,
  contentWith,
  fixturesDir,
  repoContentDir,
  scratchFolder,
} from '../../../support/content-folder.ts';
import { processTimeout } from '../../../support/timeouts.ts';

const sites = join(fixturesDir, 'sites');
const shown = (path: string) => relative(process.cwd(), join(sites, path));

/** The lines of the ContentError loading `contentDir` throws. */
async function problemsOf(contentDir: string): Promise<string[]> {
  return (await contentErrorOf(loadContent(contentDir))).message.split('\n');
}

describe('loading content', { timeout: processTimeout }, () => {
  it('loads the repository content: the seed in Beijing time', async () => {
    const { site, articles } = await loadContent(repoContentDir, { baseUrl: 'https://news.example.com/' });
    expect(site.baseUrl).toBe('https://news.example.com');
    expect(articles.map((article) => [article.slug, article.file, article.published.iso])).toEqual([
      ['sco-digital-link', 'articles/sco-digital-link.txt', '2025-07-16T00:00:00+08:00'],
    ]);
  });

  it('returns articles newest first, ties by slug, drafts left out, sub-folders read', async () => {
    const { site, articles } = await loadContent(join(sites, 'good'));
    expect(site.title).toBe('Good site');
    expect(site.baseUrl).toBe('https://news.example.com');
    expect(articles.map((article) => article.slug)).toEqual(['newest', 'alpha', 'beta', 'older']);
    expect(articles[1]?.file).toBe('articles/2025/alpha.txt');
  });

  it('reports every bad file at once, each named, sorted by file and line', async () => {
    expect(await problemsOf(join(sites, 'several-bad'))).toEqual([
      `${shown('several-bad/articles/Bad Name.txt')}: slug "Bad Name" (from the file name; rename the file) is not allowed: use lowercase letters a-z, digits, "-" and "_", starting with a letter or digit, e.g. "bad-name"`,
      `${shown('several-bad/articles/bad-date.txt')}:2: the date line: "2025-13-45" is not a real date: month 13 does not exist`,
      `${shown('several-bad/articles/no-title.md')}:1: title is required in the front matter (title: …)`,
      `${shown('several-bad/articles/no-title.md')}:1: date is required in the front matter (e.g. date: 2025-07-16)`,
      `${shown('several-bad/articles/notes.pdf')}: not an article: articles are .txt (wire copy) or .md (Markdown) files`,
    ]);
  });

  it('reports two articles with one slug as one problem naming both files', async () => {
    expect(await problemsOf(join(sites, 'duplicate'))).toEqual([
      `${shown('duplicate/articles/2025/other.md')}: slug "same" is used by more than one article: ${shown('duplicate/articles/2025/other.md')}, ${shown('duplicate/articles/same.txt')}; slugs must be unique`,
    ]);
  });

  it('never reuses the id of a retracted article: a new article with its slug is a build error', async () => {
    const dir = contentWith({
      'gone.md':
        '---\ntitle: Gone\ndate: 2025-07-16\nretracted: { date: 2025-07-17, reason: Withdrawn. }\n---\n\nBody.\n',
      'new.txt': 'A new story\n2025-07-18\nBody.\n',
      'new.md': '---\ntitle: Same slug\ndate: 2025-07-18\nslug: gone\n---\n\nBody.\n',
    });
    const gone = join(dir, 'articles', 'gone.md');
    const reused = join(dir, 'articles', 'new.md');
    expect(await problemsOf(dir)).toEqual([
      `${gone}: slug "gone" is used by more than one article: ${gone}, ${reused}; slugs must be unique; ${gone} was retracted, and a retracted article's id is never reused`,
    ]);
  });

  it('reports site config problems together with article problems', async () => {
    const problems = await problemsOf(join(sites, 'bad-site'));
    expect(problems.map((line) => line.replace(/: .*/, ''))).toEqual([
      `${shown('bad-site/articles/bad-date.txt')}:2`,
      `${shown('bad-site/site.yaml')}:2`,
      `${shown('bad-site/site.yaml')}:3`,
    ]);
  });

  it('gives the same result whatever order the files were written in', async () => {
    const source = join(sites, 'good', 'articles');
    const names = readdirSync(source)
      .filter((name) => name !== '2025')
      .sort();
    const forwards = scratchFolder();
    const backwards = scratchFolder();
    for (const [dir, order] of [
      [forwards, names],
      [backwards, [...names].reverse()],
    ] as const) {
      mkdirSync(join(dir, 'articles'));
      for (const name of order) cpSync(join(source, name), join(dir, 'articles', name));
    }
    const [a, b] = await Promise.all([loadContent(forwards), loadContent(backwards)]);
    expect(a).toEqual(b);
    expect(a.articles.map((article) => article.slug)).toEqual(['newest', 'beta', 'older']);
  });

  it('reports bytes that are not UTF-8 with their line', async () => {
    const dir = contentWith({ 'latin1.txt': Buffer.from('Title\n2025-07-16\nCaf\xe9\n', 'latin1') });
    const [problem] = await problemsOf(dir);
    expect(
      problem?.endsWith('/articles/latin1.txt:3: is not UTF-8 text (bad byte at offset 20); save it as UTF-8'),
    ).toBe(true);
  });

  it('uses the defaults when there is no site.yaml and no articles folder', async () => {
    const { site, articles } = await loadContent(scratchFolder());
    expect(site.title).toBe('wirefeed');
    expect(articles).toEqual([]);
  });
});
