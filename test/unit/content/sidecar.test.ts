import { describe, expect, it } from 'vitest';
import { applySidecar, sidecarKeys } from '../../../src/content/sidecar.ts';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { articleOf, problemsOf } from '../../support/articles.ts';
import { siteWith } from '../../support/sites.ts';

const wireText = 'Title\n2025-07-16 10:00 +08:00\nThe body.\nEdit: Yi Yi\nSource: www.news.cn\n';
const withSidecar = (yaml: string, text = wireText) =>
  applySidecar(
    parseWireCopy('articles/x.txt', text, siteWith()),
    { file: 'articles/x.yaml', text: yaml, wireCopyFile: 'articles/x.txt' },
    siteWith(),
  );

describe('wire-copy sidecar (name.yaml beside name.txt)', () => {
  it('adds slug, summary, tags, canonical, language and updated without touching the agency text', () => {
    const article = articleOf(
      withSidecar(
        'slug: better-slug\nsummary: One line.\ntags: [economy, 经济]\ncanonical: https://www.news.cn/a.html\nlanguage: zh-CN\nupdated: 2025-07-17 08:00 +08:00\n',
      ),
    );
    expect(article.slug).toBe('better-slug');
    expect(article.summary).toBe('One line.');
    expect(article.tags).toEqual(['economy', '经济']);
    expect(article.canonical).toBe('https://www.news.cn/a.html');
    expect(article.language).toBe('zh-CN');
    expect(article.updated.iso).toBe('2025-07-17T08:00:00+08:00');
    expect([article.title, article.bodyText, article.editor, article.source?.url]).toEqual([
      'Title',
      'The body.',
      'Yi Yi',
      'https://www.news.cn/',
    ]);
    expect(article.bodyHtml).toBe('<p>The body.</p>');
  });

  it('corrects and retracts wire copy: a later correction moves updated, the id stays', () => {
    const article = articleOf(
      withSidecar(
        'corrections:\n  - date: 2025-07-17 10:00 +08:00\n    text: An earlier version misstated the number.\nretracted:\n  date: 2025-07-18 09:00 +08:00\n  reason: The agency withdrew the story.\n',
      ),
    );
    expect(article.slug).toBe('x');
    expect(article.corrections?.map((correction) => [correction.date.iso, correction.text])).toEqual([
      ['2025-07-17T10:00:00+08:00', 'An earlier version misstated the number.'],
    ]);
    expect(article.updated.iso).toBe('2025-07-17T10:00:00+08:00');
    expect(article.retracted?.reason).toBe('The agency withdrew the story.');
  });

  it('names every bad lifecycle entry on its sidecar line: no text, a retraction before publication, retracted on a draft', () => {
    const problems = problemsOf(
      withSidecar('corrections:\n  - date: 2025-07-17\nretracted:\n  date: 2025-07-01\n  reason: Gone.\n'),
    );
    expect(problems.map((problem) => [problem.file, problem.line])).toEqual([
      ['articles/x.yaml', 2],
      ['articles/x.yaml', 3],
    ]);
    expect(problems[1]?.message).toContain('before publication');
    const draft = problemsOf(withSidecar('draft: true\nretracted: { date: 2025-07-18, reason: Gone. }\n'));
    expect(draft.map((problem) => problem.message)).toEqual([
      'retracted is set on a draft: a draft was never published; remove one of the two',
    ]);
  });

  it('makes the article a draft with draft: true', () => {
    expect(withSidecar('draft: true\n')).toEqual({ ok: true, draft: true, warnings: [] });
  });

  it('refuses a trailer field, naming both files', () => {
    expect(problemsOf(withSidecar('tags: [a]\nsource: www.example.com\nresponsibleEditor: Li\n'))).toEqual([
      {
        file: 'articles/x.yaml',
        line: 2,
        message: "source is set by the wire copy's trailer (articles/x.txt); a sidecar cannot change the agency's text",
      },
      {
        file: 'articles/x.yaml',
        line: 3,
        message:
          "responsibleEditor belongs to the wire copy's trailer (articles/x.txt); a sidecar cannot change the agency's text",
      },
    ]);
  });

  it('refuses title and date, which the wire copy itself sets', () => {
    expect(problemsOf(withSidecar('title: Other\ndate: 2025-07-20\n')).map((problem) => problem.message)).toEqual([
      "title is set by the wire copy's first line (articles/x.txt); a sidecar cannot change the agency's text",
      "date is set by the wire copy's date line (articles/x.txt); a sidecar cannot change the agency's text",
    ]);
  });

  it('refuses an unknown key, listing the known ones', () => {
    expect(problemsOf(withSidecar('summary: ok\ntag: economy\n'))).toEqual([
      {
        file: 'articles/x.yaml',
        line: 2,
        message: `unknown sidecar key "tag" (known: ${Object.keys(sidecarKeys).join(', ')})`,
      },
    ]);
    expect(Object.keys(sidecarKeys)).toEqual([
      'slug',
      'summary',
      'tags',
      'canonical',
      'language',
      'updated',
      'draft',
      'embargo',
      'corrections',
      'image',
      'retracted',
    ]);
  });

  it('reports a YAML error with its line', () => {
    const [problem] = problemsOf(withSidecar('summary: ok\ntags: [a, b\nslug: x\n'));
    expect(problem?.file).toBe('articles/x.yaml');
    expect(problem?.line).toBe(3);
    expect(problem?.message).toMatch(/^sidecar YAML: /);
  });

  it('refuses values of the wrong type and an updated date before the date, each with its line', () => {
    expect(problemsOf(withSidecar('slug: Bad Slug\nupdated: 2025-07-15\ncanonical: ftp://x\ntags: {a: b}\n'))).toEqual([
      {
        file: 'articles/x.yaml',
        line: 1,
        message:
          'slug "Bad Slug" (sidecar slug) is not allowed: use lowercase letters a-z, digits, "-" and "_", starting with a letter or digit, e.g. "bad-slug"',
      },
      {
        file: 'articles/x.yaml',
        line: 3,
        message: 'canonical "ftp://x" must be an absolute http(s) URL',
      },
      { file: 'articles/x.yaml', line: 4, message: 'tags must be a list, e.g. tags: [economy, digital]' },
      {
        file: 'articles/x.yaml',
        line: 2,
        message: 'updated (2025-07-15T00:00:00+00:00) is before date (2025-07-16T10:00:00+08:00)',
      },
    ]);
  });

  it("keeps the wire copy's own problems and warnings alongside the sidecar's", () => {
    const problems = problemsOf(withSidecar('foo: 1\n', 'Title\nnot a date\nBody.\n'));
    expect(problems.map((problem) => [problem.file, problem.line])).toEqual([
      ['articles/x.txt', 2],
      ['articles/x.yaml', 1],
    ]);
    const named = withSidecar('summary: s\n', 'Title\n2025-07-16\nBody.\nSource: Reuters/AFP\n');
    expect(named.ok && named.warnings).toEqual([
      { file: 'articles/x.txt', line: 4, message: 'source "Reuters/AFP" is not a URL; credited by name' },
    ]);
  });
});
