import { describe, expect, it } from 'vitest';
import { parseMarkdownArticle } from '../../../src/content/markdown-article.ts';
import { articleOf, problemsOf } from '../../support/articles.ts';
import { fixture } from '../../support/content-folder.ts';
import { shanghaiSite, siteWith } from '../../support/sites.ts';

describe('Markdown articles', () => {
  it('reads every front matter field', () => {
    const article = articleOf(parseMarkdownArticle('articles/full.md', fixture('markdown/full.md'), shanghaiSite));
    expect(article).toEqual({
      slug: 'all-fields',
      file: 'articles/full.md',
      format: 'markdown',
      title: 'Markdown: all the fields',
      published: { iso: '2025-07-16T10:00:00+08:00', epochMs: Date.UTC(2025, 6, 16, 2) },
      updated: { iso: '2025-07-17T08:30:00Z', epochMs: Date.UTC(2025, 6, 17, 8, 30) },
      summary: 'A short summary.',
      bodyText: 'Heading\n\nA paragraph with bold & a link.\n\none\ntwo',
      bodyHtml:
        '<h1>Heading</h1>\n<p>A paragraph with <strong>bold</strong> &amp; a <a href="https://example.com/a?b=1&amp;c=2">link</a>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>',
      editor: 'Yi Yi',
      responsibleEditor: 'Li Nian',
      source: { name: 'www.news.cn', url: 'https://www.news.cn/' },
      copyright: '© 2025 Example Agency',
      language: 'zh-CN',
      tags: ['economy', 'digital'],
      canonical: 'https://example.com/original',
    });
  });

  it('removes scripts, event handlers, javascript: URLs, iframes, styles and data: images', () => {
    const article = articleOf(parseMarkdownArticle('articles/hostile.md', fixture('markdown/hostile.md'), siteWith()));
    expect(article.bodyHtml).toBe(
      '<p>Hello  world.</p>\n<img src="https://example.com/a.png" alt="pic" /><p><a>click</a> and <a>this</a></p>',
    );
    expect(article.bodyHtml).not.toMatch(/script|onerror|onclick|javascript|iframe|style|data:/i);
    expect(article.bodyText).toBe('Hello  world.\n\nclick and this');
  });

  it('replaces character references XML cannot carry with spaces', () => {
    const text = '---\ntitle: T\ndate: 2025-07-16\n---\na&#1;b&#xFFFE;c&#0;d\n';
    const article = articleOf(parseMarkdownArticle('articles/x.md', text, siteWith()));
    expect(article.bodyHtml).toBe('<p>a b c\uFFFDd</p>');
    expect(article.bodyText).toBe('a b c\uFFFDd');
  });

  it('returns a draft instead of an article', () => {
    expect(parseMarkdownArticle('articles/draft.md', fixture('markdown/draft.md'), siteWith())).toEqual({
      ok: true,
      draft: true,
    });
  });

  it('reports a missing title and date at the front matter', () => {
    expect(
      problemsOf(parseMarkdownArticle('articles/missing.md', fixture('markdown/missing-title-date.md'), siteWith())),
    ).toEqual([
      { file: 'articles/missing.md', line: 1, message: 'title is required in the front matter (title: …)' },
      { file: 'articles/missing.md', line: 1, message: 'date is required in the front matter (e.g. date: 2025-07-16)' },
    ]);
  });

  it('reports a YAML syntax error with its file line', () => {
    const problems = problemsOf(
      parseMarkdownArticle('articles/yaml-error.md', fixture('markdown/yaml-error.md'), siteWith()),
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(4);
    expect(problems[0]?.message).toMatch(/^front matter YAML: /);
  });

  it('reads a source given as { name, url }', () => {
    const article = articleOf(
      parseMarkdownArticle('articles/source-object.md', fixture('markdown/source-object.md'), siteWith()),
    );
    expect(article.source).toEqual({ name: 'Xinhua', url: 'https://english.news.cn/' });
    expect(article.slug).toBe('source-object');
  });

  it('reports an unknown key (a typo) with its line', () => {
    const problems = problemsOf(
      parseMarkdownArticle('articles/unknown-key.md', fixture('markdown/unknown-key.md'), siteWith()),
    );
    expect(problems.map((problem) => [problem.line, problem.message.split(' (')[0]])).toEqual([
      [4, 'unknown front matter key "responsible_editor"'],
    ]);
  });

  it('reports bad values on their own lines', () => {
    const text =
      '---\ntitle: T\ndate: 2025-02-30\ncanonical: javascript:alert(1)\nslug: Not A Slug\ntags: { a: b }\n---\nBody.\n';
    const problems = problemsOf(parseMarkdownArticle('articles/x.md', text, siteWith()));
    expect(problems.map((problem) => problem.line)).toEqual([3, 5, 4, 6]);
  });

  it('requires front matter', () => {
    expect(problemsOf(parseMarkdownArticle('articles/x.md', '# Just markdown\n', siteWith()))[0]?.line).toBe(1);
  });

  it('keeps a quoted date and an unquoted one alike', () => {
    const quoted = articleOf(
      parseMarkdownArticle('articles/q.md', '---\ntitle: T\ndate: "2025-07-16"\n---\nB\n', siteWith()),
    );
    const plain = articleOf(
      parseMarkdownArticle('articles/q.md', '---\ntitle: T\ndate: 2025-07-16\n---\nB\n', siteWith()),
    );
    expect(quoted.published).toEqual(plain.published);
    expect(plain.published.iso).toBe('2025-07-16T00:00:00+00:00');
  });
});
