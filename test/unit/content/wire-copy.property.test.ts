import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { siteWith } from '../../support/sites.ts';

// What XML 1.0 and HTML cannot carry (see src/content/clean-text.ts).
const unsafe =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching these characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const pieces = fc.constantFrom(
  'Edit:',
  'Source:',
  '编辑：',
  '责任编辑：',
  'Special statement:',
  'www.news.cn',
  '\n',
  '\r\n',
  '\n\n',
  ' ',
  '2025-07-16',
  '<',
  '&',
  ']]>',
  '\u0000',
  '\uD800',
  '\uFEFF',
);
const hostileText = fc
  .array(fc.oneof(pieces, fc.string({ unit: 'binary' })), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('wire copy with any input', () => {
  it('never throws, and what it publishes carries no character XML cannot hold', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const result = parseWireCopy('articles/x.txt', text, siteWith());
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          return;
        }
        if (result.draft) return;
        const { title, bodyText, bodyHtml, summary, editor, responsibleEditor, copyright, source } = result.article;
        for (const value of [
          title,
          bodyText,
          bodyHtml,
          summary,
          editor,
          responsibleEditor,
          copyright,
          source?.name,
          source?.url,
        ]) {
          expect(unsafe.test(value ?? '')).toBe(false);
        }
        expect(bodyHtml.replace(/<\/?p>/g, '')).not.toMatch(/[<>]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a well-formed body exactly, whatever the paragraphs say', () => {
    const line = fc.string({ minLength: 1, maxLength: 30 }).filter(
      (text) =>
        /\S/.test(text) &&
        // biome-ignore lint/suspicious/noControlCharactersInRegex: matching these characters is the point.
        !/[\r\n\u0000-\u001F\u007F-\u009F\u2028\u2029]/.test(text) &&
        !/^\s*(edit|editor|responsible|source|copyright|special|编辑|责任|来源|特别|版权|\(c\)|©)/i.test(text.trim()) &&
        text.trim() === text,
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(line, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        (paragraphs) => {
          const body = paragraphs.map((lines) => lines.join('\n')).join('\n\n');
          const result = parseWireCopy('articles/x.txt', `Title\n2025-07-16\n${body}\nEdit:Yi Yi\n`, siteWith());
          expect(result.ok && !result.draft && result.article.bodyText).toBe(body);
        },
      ),
      { numRuns: 500 },
    );
  });
});
