import { describe, expect, it } from 'vitest';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { articleOf, problemsOf } from '../../support/articles.ts';
import { fixture } from '../../support/content-folder.ts';
import { siteWith } from '../../support/sites.ts';

const parse = (name: string) => parseWireCopy(`articles/${name}`, fixture(`wire/${name}`), siteWith());

describe('agency wire copy from other newsrooms', () => {
  it('reads a source written as a name followed by its host, ignoring a closing full stop', () => {
    const article = articleOf(parse('source-name-and-host.txt'));
    expect(article.source).toEqual({ name: '新华网', url: 'https://www.news.cn/' });
    expect([article.editor, article.responsibleEditor]).toEqual(['张三', '李念']);
  });

  it.each([
    ['Xinhua (www.news.cn)', { name: 'Xinhua', url: 'https://www.news.cn/' }],
    ['新华网（www.news.cn）', { name: '新华网', url: 'https://www.news.cn/' }],
    [
      'Xinhua https://english.news.cn/20250716/abc.html',
      { name: 'Xinhua', url: 'https://english.news.cn/20250716/abc.html' },
    ],
    ['www.news.cn.', { name: 'www.news.cn', url: 'https://www.news.cn/' }],
    ['www.news.cn (Xinhua)', { name: 'Xinhua', url: 'https://www.news.cn/' }],
    ['Xinhua: https://english.news.cn/', { name: 'Xinhua', url: 'https://english.news.cn/' }],
    ['新华网www.news.cn', { name: '新华网', url: 'https://www.news.cn/' }],
    ['www.news.cn/20250716/abc.html', { name: 'www.news.cn', url: 'https://www.news.cn/20250716/abc.html' }],
    [
      'https://www.news.cn/20250716/abc.html?x=1&y=2',
      { name: 'www.news.cn', url: 'https://www.news.cn/20250716/abc.html?x=1&y=2' },
    ],
  ])('reads the source "%s"', (source, expected) => {
    const text = `Title\n2025-07-16\nBody.\nSource: ${source}\n`;
    expect(articleOf(parseWireCopy('articles/t.txt', text, siteWith())).source).toEqual(expected);
  });

  it('never reads a number as an IPv4 address (the URL parser turns "12" into 0.0.0.12)', () => {
    let checked = 0;
    for (const source of ['12', 'Xinhua 12', '0x7f.1']) {
      const result = parseWireCopy('articles/t.txt', `Title\n2025-07-16\nBody.\nSource: ${source}\n`, siteWith());
      // Either a problem, or a source credited by name: never https://0.0.0.12/ or 127.0.0.1.
      expect(articleOf(result).source).toEqual({ name: source });
      checked++;
    }
    expect(checked).toBe(3);
  });

  it('never links a javascript: URL written after a name: the whole line is credited by name', () => {
    const text = 'Title\n2025-07-16\nBody.\nSource: Xinhua javascript:alert(1)\n';
    expect(articleOf(parseWireCopy('articles/t.txt', text, siteWith())).source).toEqual({
      name: 'Xinhua javascript:alert(1)',
    });
  });

  it('credits a source that is only a name by that name, with no invented address', () => {
    expect(articleOf(parse('source-name-only.txt')).source).toEqual({ name: 'Xinhua' });
    const chinese = articleOf(parseWireCopy('articles/t.txt', '标题\n2025-07-16\n正文。\n来源：新华网\n', siteWith()));
    expect(chinese.source).toEqual({ name: '新华网' });
  });

  it('takes a closing line that starts with © as the copyright notice, keeping the fields above it', () => {
    const article = articleOf(parse('copyright-symbol.txt'));
    expect(article.bodyText).toBe('The body.');
    expect([article.editor, article.responsibleEditor, article.source?.name]).toEqual([
      'Yi Yi',
      'Li Nian',
      'www.news.cn',
    ]);
    expect(article.copyright).toBe('© 2025 Xinhua News Agency. All rights reserved.');
  });

  it('tells the publisher to rename a .txt file that holds Markdown front matter', () => {
    expect(problemsOf(parse('front-matter-in-txt.txt'))).toEqual([
      {
        file: 'articles/front-matter-in-txt.txt',
        line: 1,
        message:
          'this file starts with front matter ("---"), which only Markdown articles have: rename it to front-matter-in-txt.md, or write it as wire copy (title on line 1, date on line 2)',
      },
    ]);
  });

  it('turns line and paragraph separators inside one-line values into spaces', () => {
    const article = articleOf(parse('line-separator.txt'));
    expect(article.title).toBe('Line separator in the title');
    expect(article.editor).toBe('Yi Yi');
  });

  it('cuts a Chinese summary at the end of a sentence', () => {
    const article = articleOf(parse('summary-chinese.txt'));
    expect(article.summary).toBe(`${'上海合作组织数字经济论坛近日在天津举行，一系列新成果落地。'.repeat(9)}…`);
    expect(article.editor).toBe('张三');
  });
});
