import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdownArticle } from '../../../src/content/markdown-article.ts';
import { readSource } from '../../../src/content/source.ts';
import { summarize } from '../../../src/content/summary.ts';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { siteWith } from '../../support/sites.ts';

const label = fc.constantFrom(
  'Edit:',
  'Editor：',
  'EDIT :',
  'Responsible editor:',
  'RESPONSIBLE  EDITOR ：',
  'Source:',
  'Copyright:',
  'Special statement:',
  '编辑：',
  '责任编辑：',
  '来源：',
  '特别声明：',
  '【责任编辑：',
  '（',
  '©',
  '(c) ',
);
const word = fc.constantFrom(
  'Yi Yi',
  '李念',
  'www.news.cn',
  'https://www.news.cn/a?b=1&c=2',
  'Xinhua',
  ' ',
  '\t',
  '。',
  '|',
  '',
  '2025-07-16',
);
const line = fc
  .array(fc.oneof(label, word, fc.string({ maxLength: 8 })), { maxLength: 8 })
  .map((parts) => parts.join(''));
const wireCopy = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, end]) => lines.join(end));

describe('parsers with any input', () => {
  it('read any mix of trailer labels without throwing, and quickly', () => {
    fc.assert(
      fc.property(wireCopy, fc.boolean(), (text, withHeader) => {
        const started = performance.now();
        const result = parseWireCopy(
          'articles/x.txt',
          withHeader ? `Title\n2025-07-16\nBody.\n${text}` : text,
          siteWith(),
        );
        expect(performance.now() - started).toBeLessThan(200);
        if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('stays linear on one huge line of labels and separators', () => {
    const started = performance.now();
    const text = `Title\n2025-07-16\nBody.\nEdit:${' 编辑：x |Source:'.repeat(100_000)}\n`;
    const result = parseWireCopy('articles/x.txt', text, siteWith());
    // Repeated fields keep their first value, with one warning each, however often they repeat.
    expect(result.ok && result.warnings?.map((warning) => warning.message.split(' (')[0])).toEqual([
      'the editor is given twice',
    ]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('never throws on any Markdown body or front matter', () => {
    const markdown = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '*',
            '_',
            '>',
            '- ',
            '[',
            '](',
            '<a href="',
            '<svg ',
            '`',
            '\n',
            '\n\n',
            '&#',
            '|',
            '---',
            '  ',
          ),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''));
    const yaml = fc
      .array(
        fc.oneof(
          fc.constantFrom('title: ', 'date: 2025-07-16', 'tags: ', 'source: ', '&a ', '*a', '[', '{', '\n', '- ', ': '),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(yaml, markdown, (header, body) => {
        const result = parseMarkdownArticle('articles/x.md', `---\n${header}\n---\n${body}`, siteWith());
        if (!result.ok) expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads any source text without throwing, and any URL it gives is http(s)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const reading = readSource(text);
        if (reading.ok && reading.source.url !== undefined) expect(reading.source.url).toMatch(/^https?:\/\/[^\s]+$/);
      }),
      { numRuns: 3000 },
    );
  });

  it('never leaves a lone surrogate in a summary and never exceeds the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 2, max: 300 }), (text, limit) => {
        const summary = summarize(text, limit);
        expect(Array.from(summary).length).toBeLessThanOrEqual(limit);
        expect(summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      }),
      { numRuns: 2000 },
    );
  });
});
