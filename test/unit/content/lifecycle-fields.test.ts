import { describe, expect, it } from 'vitest';
import { parseMarkdownArticle } from '../../../src/content/markdown-article.ts';
import { articleOf, problemsOf } from '../../support/articles.ts';
import { fixture } from '../../support/content-folder.ts';
import { shanghaiSite } from '../../support/sites.ts';

const parse = (name: string) => parseMarkdownArticle(`articles/${name}`, fixture(`markdown/${name}`), shanghaiSite);

describe('corrections and retractions in front matter', () => {
  it('reads corrections newest first and moves updated to the newest one; the slug stays', () => {
    const article = articleOf(parse('corrected.md'));
    expect(article.slug).toBe('corrected');
    expect(article.corrections).toEqual([
      {
        date: { iso: '2025-07-18T09:30:00+08:00', epochMs: Date.UTC(2025, 6, 18, 1, 30) },
        text: 'The name of the <b>minister</b> is now spelled correctly.',
      },
      {
        date: { iso: '2025-07-17T10:00:00+08:00', epochMs: Date.UTC(2025, 6, 17, 2) },
        text: 'An earlier version misstated the number of Luban workshops.',
      },
    ]);
    expect(article.updated.iso).toBe('2025-07-18T09:30:00+08:00');
    expect(article.published.iso).toBe('2025-07-16T10:00:00+08:00');
  });

  it('keeps a later stated updated date over an older correction', () => {
    const text = fixture('markdown/corrected.md').replace('source:', 'updated: 2025-07-20\nsource:');
    const article = articleOf(parseMarkdownArticle('articles/corrected.md', text, shanghaiSite));
    expect(article.updated.iso).toBe('2025-07-20T00:00:00+08:00');
  });

  it('reads a retraction with its date and reason', () => {
    const article = articleOf(parse('retracted.md'));
    expect(article.retracted).toEqual({
      date: { iso: '2025-07-18T09:00:00+08:00', epochMs: Date.UTC(2025, 6, 18, 1) },
      reason: 'The agency withdrew the story.',
    });
  });

  it('reports every bad correction and retraction at once, each on its line', () => {
    expect(problemsOf(parse('lifecycle-bad.md'))).toEqual([
      { file: 'articles/lifecycle-bad.md', line: 5, message: 'correction needs a text (text: …)' },
      { file: 'articles/lifecycle-bad.md', line: 6, message: 'correction needs a date (date: 2025-07-17 10:00)' },
      {
        file: 'articles/lifecycle-bad.md',
        line: 7,
        message: 'correction date: "2025-02-30" is not a real date: day 30 does not exist in 2025-02',
      },
      {
        file: 'articles/lifecycle-bad.md',
        line: 5,
        message: 'correction date 2025-07-15T00:00:00+08:00 is before publication (2025-07-16T10:00:00+08:00)',
      },
      {
        file: 'articles/lifecycle-bad.md',
        line: 12,
        message: 'retracted date 2025-07-01T00:00:00+08:00 is before publication (2025-07-16T10:00:00+08:00)',
      },
    ]);
  });

  it('refuses retracted on a draft', () => {
    expect(problemsOf(parse('retracted-draft.md'))).toEqual([
      {
        file: 'articles/retracted-draft.md',
        line: 6,
        message: 'retracted is set on a draft: a draft was never published; remove one of the two',
      },
    ]);
  });

  it('refuses corrections that are not a list and a retraction that is not a mapping', () => {
    const text = '---\ntitle: T\ndate: 2025-07-16\ncorrections: fixed a typo\nretracted: yes\n---\n\nBody.\n';
    expect(
      problemsOf(parseMarkdownArticle('articles/x.md', text, shanghaiSite)).map((p) => [p.line, p.message]),
    ).toEqual([
      [
        4,
        'corrections must be a list of { date, text } (corrections: [{ date: 2025-07-17 10:00, text: What was corrected. }])',
      ],
      [5, 'retracted must be a mapping (retracted: { date: 2025-07-18 09:00, reason: Why it was withdrawn. })'],
    ]);
  });
});
