import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../../../src/builder/content/load-content.ts';
import { ContentError } from '../../../../src/content/content-error.ts';
import { contentWith, fixturesDir } from '../../../support/content-folder.ts';
import { processTimeout } from '../../../support/timeouts.ts';

const agency = join(fixturesDir, 'sites', 'agency');
const shown = (path: string) => relative(process.cwd(), join(agency, path));

describe('a folder of real agency copy', { timeout: processTimeout }, () => {
  it('builds every article, a hostile Source:javascript:alert(1) file included, and returns one warning per odd line', async () => {
    const { articles, warnings } = await loadContent(agency);
    expect(articles.map((article) => [article.slug, article.source])).toEqual([
      ['reuters-afp', { name: 'Reuters/AFP' }],
      ['hostile', { name: 'javascript:alert(1)' }],
      ['xinhua', { name: '新华社/人民网' }],
      ['linked', { name: 'Xinhua', url: 'https://www.news.cn/' }],
    ]);
    expect(warnings).toEqual([
      {
        file: shown('articles/hostile.txt'),
        line: 6,
        message: 'source "javascript:alert(1)" is not a URL; credited by name',
      },
      {
        file: shown('articles/two-agencies.txt'),
        line: 4,
        message: 'source "Reuters/AFP" is not a URL; credited by name',
      },
      { file: shown('articles/xinhua.txt'), line: 5, message: 'source "新华社/人民网" is not a URL; credited by name' },
    ]);
  });

  it('applies the sidecar beside its wire copy', async () => {
    const { articles } = await loadContent(agency);
    const article = articles.find((candidate) => candidate.file === 'articles/two-agencies.txt');
    expect([article?.slug, article?.summary, article?.tags, article?.canonical, article?.updated.iso]).toEqual([
      'reuters-afp',
      'Both agencies filed.',
      ['economy', '经济'],
      'https://www.reuters.com/world/abc',
      '2025-07-18T09:00:00+08:00',
    ]);
  });

  it('refuses a sidecar with no wire copy beside it, naming it, and a sidecar beside Markdown', async () => {
    const dir = contentWith({
      'lonely.yaml': 'summary: nothing to describe\n',
      'post.md': '---\ntitle: T\ndate: 2025-07-16\n---\nBody.\n',
      'post.yaml': 'summary: s\n',
    });
    const error = await loadContent(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContentError);
    const at = (name: string) => join(dir, 'articles', name);
    expect((error as ContentError).problems).toEqual([
      {
        file: at('lonely.yaml'),
        message: `a sidecar describes the wire copy beside it, and there is no ${at('lonely.txt')}`,
      },
      {
        file: at('post.yaml'),
        message: `a sidecar is only for wire copy (.txt): put these keys in the front matter of ${at('post.md')}`,
      },
    ]);
  });

  it('keeps the warnings of good files when another file stops the build', async () => {
    const dir = contentWith({ 'a.txt': 'A\n2025-07-16\nBody.\nSource: Reuters/AFP\n', 'b.txt': 'No date\n' });
    const error = (await loadContent(dir).catch((caught: unknown) => caught)) as ContentError;
    expect(error.problems.map((problem) => problem.line)).toEqual([2]);
    expect(error.warnings.map((warning) => warning.message)).toEqual([
      'source "Reuters/AFP" is not a URL; credited by name',
    ]);
  });
});
