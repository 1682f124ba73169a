import { describe, expect, it } from 'vitest';
import { parseMarkdownArticle } from '../../../src/content/markdown-article.ts';
import type { ParseResult } from '../../../src/content/parse-result.ts';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { articleOf } from '../../support/articles.ts';
import { siteWith } from '../../support/sites.ts';

const wire = (sourceLine: string) =>
  parseWireCopy('articles/agency.txt', `Title\n2025-07-16\nBody.\nEdit: Yi Yi\n${sourceLine}\n`, siteWith());
const warningsOf = (result: ParseResult) => (result.ok ? (result.warnings ?? []) : []);

describe('agency sources credited by name, never refused', () => {
  it.each([
    ['Source: Reuters/AFP', 'Reuters/AFP'],
    ['来源：新华社/人民网', '新华社/人民网'],
    ['Source: AP (via Yahoo News)', 'AP (via Yahoo News)'],
    ['Source: javascript:alert(1)', 'javascript:alert(1)'],
    ['Source: data:text/html,<script>alert(1)</script>', 'data:text/html,<script>alert(1)</script>'],
    ['Source: ftp://ftp.example.com/wire', 'ftp://ftp.example.com/wire'],
    ['Source: https://user:pw@www.news.cn/a', 'https://user:pw@www.news.cn/a'],
    ['Source: www.news..cn', 'www.news..cn'],
    ['Source: Xinhua', 'Xinhua'],
  ])('"%s" is credited as the name "%s", with no link, and a warning on its line', (line, name) => {
    const result = wire(line);
    expect(articleOf(result).source).toEqual({ name });
    expect(warningsOf(result)).toEqual([
      { file: 'articles/agency.txt', line: 5, message: `source "${name}" is not a URL; credited by name` },
    ]);
  });

  it('links a name paired with a host ("Xinhua, www.news.cn"), without a warning', () => {
    const result = wire('Source: Xinhua, www.news.cn');
    expect(articleOf(result).source).toEqual({ name: 'Xinhua', url: 'https://www.news.cn/' });
    expect(warningsOf(result)).toEqual([]);
  });

  it.each([
    ['Source: www.news.cn', { name: 'www.news.cn', url: 'https://www.news.cn/' }],
    ['Source: https://english.news.cn/a.html', { name: 'english.news.cn', url: 'https://english.news.cn/a.html' }],
    ['来源：新华网 www.news.cn', { name: '新华网', url: 'https://www.news.cn/' }],
  ])('links "%s" with no warning', (line, source) => {
    const result = wire(line);
    expect(articleOf(result).source).toEqual(source);
    expect(warningsOf(result)).toEqual([]);
  });

  it('credits an over-long source by its first 200 characters, with a warning instead of an error', () => {
    const result = wire(`Source: ${'x'.repeat(3000)}`);
    expect(articleOf(result).source).toEqual({ name: `${'x'.repeat(200)}…` });
    expect(warningsOf(result)).toEqual([
      {
        file: 'articles/agency.txt',
        line: 5,
        message: 'source is 3000 characters long, not a URL; credited by name, cut to its first 200 characters',
      },
    ]);
  });

  it('keeps the rest of a hostile agency file: the editor is still read and nothing else is refused', () => {
    const result = wire('Source:javascript:alert(1)');
    expect(articleOf(result).editor).toBe('Yi Yi');
  });

  it('warns the same way for a Markdown source that is only a name', () => {
    const text = '---\ntitle: T\ndate: 2025-07-16\nsource: Reuters/AFP\n---\nBody.\n';
    const result = parseMarkdownArticle('articles/m.md', text, siteWith());
    expect(articleOf(result).source).toEqual({ name: 'Reuters/AFP' });
    expect(warningsOf(result)).toEqual([
      { file: 'articles/m.md', line: 4, message: 'source "Reuters/AFP" is not a URL; credited by name' },
    ]);
  });
});
