import { describe, expect, it } from 'vitest';
import { parseMarkdownArticle } from '../../../src/content/markdown-article.ts';
import { articleOf, problemsOf } from '../../support/articles.ts';
import { fixture } from '../../support/content-folder.ts';
import { siteWith } from '../../support/sites.ts';

const frontMatter = '---\ntitle: T\ndate: 2025-07-16\n---\n';

describe('Markdown from hostile or careless hands', () => {
  it('reports markup nested too deeply to render instead of crashing the build', () => {
    expect(
      problemsOf(parseMarkdownArticle('articles/deep-nesting.md', fixture('markdown/deep-nesting.md'), siteWith())),
    ).toEqual([
      {
        file: 'articles/deep-nesting.md',
        line: 5,
        message: 'the Markdown body is nested too deeply to render: use fewer nested quotes, lists or emphasis markers',
      },
    ]);
  });

  it('reports a paragraph with thousands of emphasis markers quickly, naming its line', () => {
    const text = `${frontMatter}Intro.\n\n${'_a'.repeat(100_000)}\n`;
    const started = performance.now();
    const problems = problemsOf(parseMarkdownArticle('articles/x.md', text, siteWith()));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(problems).toEqual([
      {
        file: 'articles/x.md',
        line: 7,
        message:
          'this paragraph has too many *, _ and ! characters to render in reasonable time: escape them with a backslash (\\*, \\_, \\!) or split the paragraph',
      },
    ]);
  });

  it('renders an ordinary long article with many emphasis markers', () => {
    const paragraph = 'Some *emphasis*, some __strong__ words and snake_case_names. '.repeat(40);
    const text = `${frontMatter}${`${paragraph}\n\n`.repeat(200)}`;
    const article = articleOf(parseMarkdownArticle('articles/x.md', text, siteWith()));
    expect(article.bodyHtml.match(/<em>/g)?.length).toBe(8000);
  });

  it('reads tags written as text, separated by commas', () => {
    const article = articleOf(
      parseMarkdownArticle('articles/tags-text.md', fixture('markdown/tags-text.md'), siteWith()),
    );
    expect(article.tags).toEqual(['economy', '数字经济']);
  });

  it('reports a YAML alias instead of dropping the value', () => {
    expect(
      problemsOf(parseMarkdownArticle('articles/yaml-alias.md', fixture('markdown/yaml-alias.md'), siteWith())),
    ).toEqual([
      {
        file: 'articles/yaml-alias.md',
        line: 4,
        message: 'summary: YAML aliases (*name) are not supported in front matter; write the value itself',
      },
    ]);
  });

  it('drops style attributes, forms and inline SVG, which the page CSP would refuse', () => {
    const text = `${frontMatter}<p style="color:red">s</p><svg onload="alert(1)"><circle/></svg><form action="x"><input name="a"></form> <a href="jav&#x09;ascript:alert(1)">x</a>\n`;
    const article = articleOf(parseMarkdownArticle('articles/x.md', text, siteWith()));
    expect(article.bodyHtml).not.toMatch(/style|svg|onload|form|input|javascript/i);
  });
});
