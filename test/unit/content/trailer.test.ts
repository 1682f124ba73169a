import { describe, expect, it } from 'vitest';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { articleOf } from '../../support/articles.ts';
import { siteWith } from '../../support/sites.ts';

const parse = (lines: string[]) =>
  articleOf(parseWireCopy('articles/t.txt', `Title\n2025-07-16\n${lines.join('\n')}\n`, siteWith()));
const attribution = (lines: string[]) => {
  const { bodyText, editor, responsibleEditor, source, copyright } = parse(lines);
  return { bodyText, editor, responsibleEditor, source: source?.url, copyright };
};

describe('wire copy trailer detection', () => {
  it('allows a blank line before the trailer and blank lines after it', () => {
    expect(attribution(['Body.', '', 'Edit: A', 'Source: www.news.cn', '', ''])).toEqual({
      bodyText: 'Body.',
      editor: 'A',
      responsibleEditor: undefined,
      source: 'https://www.news.cn/',
      copyright: undefined,
    });
  });

  it('reads trailer fields in any order, with blank lines between them', () => {
    expect(
      attribution(['Body.', 'Source: www.news.cn', '', 'Responsible Editor : B', '', 'Edit: A', 'Copyright: (c) X']),
    ).toEqual({
      bodyText: 'Body.',
      editor: 'A',
      responsibleEditor: 'B',
      source: 'https://www.news.cn/',
      copyright: 'Copyright: (c) X',
    });
  });

  it('reads several fields on one line, separated by spaces or punctuation', () => {
    expect(attribution(['Body.', 'Edit: A, Responsible editor: B; Source: www.news.cn'])).toMatchObject({
      editor: 'A',
      responsibleEditor: 'B',
      source: 'https://www.news.cn/',
    });
  });

  it('reads traditional Chinese labels', () => {
    expect(
      attribution(['正文。', '編輯：張三　責任編輯：李四', '來源：www.news.cn', '特別聲明：轉載請註明出處。']),
    ).toEqual({
      bodyText: '正文。',
      editor: '張三',
      responsibleEditor: '李四',
      source: 'https://www.news.cn/',
      copyright: '特別聲明：轉載請註明出處。',
    });
  });

  it('keeps a multi-paragraph notice that follows other trailer fields', () => {
    expect(attribution(['Body.', 'Edit: A', 'Special statement: first.', '', 'second.']).copyright).toBe(
      'Special statement: first.\n\nsecond.',
    );
  });

  it('keeps a multi-paragraph special statement that is the only trailer field', () => {
    expect(attribution(['Body.', 'Special statement: first.', '', 'second.'])).toMatchObject({
      bodyText: 'Body.',
      copyright: 'Special statement: first.\n\nsecond.',
    });
  });

  it.each([
    ['© 2025 Xinhua', '© 2025 Xinhua'],
    ['Copyright © 2000-2025 XINHUANET.com', 'Copyright © 2000-2025 XINHUANET.com'],
    ['Copyright 2025 Xinhua. All rights reserved.', 'Copyright 2025 Xinhua. All rights reserved.'],
    ['版权所有 新华网', '版权所有 新华网'],
    ['Copyright 2025 filings rose by a tenth.', undefined],
  ])('reads the unlabelled closing line "%s" as the notice only when it is one', (line, notice) => {
    const { copyright, editor } = attribution(['Body.', 'Edit: A', line]);
    expect(copyright).toBe(notice);
    expect(editor).toBe(notice === undefined ? undefined : 'A');
  });

  it('drops a closing Chinese full stop after a name', () => {
    expect(attribution(['正文。', '编辑：张三。', '责任编辑：李念。']).editor).toBe('张三');
  });

  it('keeps a body paragraph starting "Copyright:" in the body when body text follows it', () => {
    expect(attribution(['Body.', 'Copyright: first.', '', 'More body.'])).toEqual({
      bodyText: 'Body.\nCopyright: first.\n\nMore body.',
      editor: undefined,
      responsibleEditor: undefined,
      source: undefined,
      copyright: undefined,
    });
  });

  it('does not take words that only begin like labels (Editorial:, Sourced:, Edition:)', () => {
    expect(attribution(['Body.', 'Editorial: a view.', 'Sourced: nowhere', 'Edition: 2']).bodyText).toBe(
      'Body.\nEditorial: a view.\nSourced: nowhere\nEdition: 2',
    );
  });

  it('treats a label with nothing after it as absent', () => {
    expect(attribution(['Body.', 'Edit:', 'Responsible editor:', 'Source:', 'Special statement:'])).toEqual({
      bodyText: 'Body.',
      editor: undefined,
      responsibleEditor: undefined,
      source: undefined,
      copyright: undefined,
    });
  });

  it('warns about a field given twice (once, however often) and keeps the first', () => {
    const text = 'Title\n2025-07-16\nBody.\nSource: www.news.cn\nSource: www.xinhuanet.com\nSource: a.example\n';
    const result = parseWireCopy('articles/t.txt', text, siteWith());
    expect(articleOf(result).source?.url).toBe('https://www.news.cn/');
    expect(result.ok && result.warnings).toEqual([
      {
        file: 'articles/t.txt',
        line: 5,
        message: 'the source is given twice (first on line 4); the first is used',
      },
    ]);
  });

  it('escapes markup and CDATA ends in title and body', () => {
    const article = articleOf(
      parseWireCopy('articles/t.txt', ']]> & <x>\n2025-07-16\n<script>alert(1)</script> ]]> &amp;\n', siteWith()),
    );
    expect(article.title).toBe(']]> & <x>');
    expect(article.bodyText).toBe('<script>alert(1)</script> ]]> &amp;');
    expect(article.bodyHtml).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;amp;</p>');
  });

  it('never links a non-http(s) source such as javascript:, crediting it by name', () => {
    const text = 'Title\n2025-07-16\nBody.\nSource: javascript:alert(1)\n';
    expect(articleOf(parseWireCopy('articles/t.txt', text, siteWith())).source).toEqual({
      name: 'javascript:alert(1)',
    });
  });

  it('stays linear on hostile input: 100 000 label lines followed by body text', () => {
    const text = `Title\n2025-07-16\nBody.\n${'Edit: x\n'.repeat(100_000)}body again\n`;
    const started = performance.now();
    const article = articleOf(parseWireCopy('articles/t.txt', text, siteWith()));
    expect(article.editor).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
