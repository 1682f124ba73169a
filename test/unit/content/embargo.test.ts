// `embargo` in a sidecar and in front matter: an instant with its offset; the release is the later of it and the date.
import { describe, expect, it } from 'vitest';
import { parseMarkdownArticle } from '../../../src/content/markdown-article.ts';
import { applySidecar } from '../../../src/content/sidecar.ts';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { releaseOf } from '../../../src/model/article.ts';
import { articleOf, problemsOf } from '../../support/articles.ts';
import { siteWith } from '../../support/sites.ts';

const wireText = 'Title\n2025-07-16 10:00 +08:00\nThe body.\nSource: www.news.cn\n';
const withSidecar = (yaml: string) =>
  applySidecar(
    parseWireCopy('articles/x.txt', wireText, siteWith()),
    { file: 'articles/x.yaml', text: yaml, wireCopyFile: 'articles/x.txt' },
    siteWith(),
  );
const markdown = (frontMatter: string) =>
  parseMarkdownArticle(
    'articles/m.md',
    `---\ntitle: T\ndate: 2025-07-16 10:00 +08:00\n${frontMatter}\n---\n\nBody.\n`,
    siteWith(),
  );

describe('embargo', () => {
  it('holds an article back until its instant, in a sidecar and in front matter', () => {
    let checked = 0;
    for (const result of [
      withSidecar('embargo: 2026-12-07 06:00 +08:00\n'),
      markdown('embargo: 2026-12-06T22:00:00Z'),
    ]) {
      const article = articleOf(result);
      expect(article.embargo?.epochMs).toBe(Date.parse('2026-12-06T22:00:00Z'));
      expect(releaseOf(article)).toBe(Date.parse('2026-12-06T22:00:00Z'));
      checked++;
    }
    expect(checked).toBe(2);
  });

  it('releases at the date when the embargo is earlier than it', () => {
    const article = articleOf(withSidecar('embargo: 2025-07-01 00:00 +08:00\n'));
    expect(releaseOf(article)).toBe(article.published.epochMs);
  });

  it('refuses an instant without its offset, or no date at all, naming file and line', () => {
    const cases = [
      [withSidecar('slug: x\nembargo: 2026-12-07 06:00\n'), 'articles/x.yaml', 2],
      [markdown('embargo: tomorrow'), 'articles/m.md', 4],
      [markdown('embargo: [2026]'), 'articles/m.md', 4],
    ] as const;
    for (const [result, file, line] of cases) {
      const problems = problemsOf(result);
      expect(problems, JSON.stringify(problems)).toEqual([
        expect.objectContaining({ file, line, message: expect.stringMatching(/embargo/) }),
      ]);
    }
    expect(cases).toHaveLength(3);
  });
});
