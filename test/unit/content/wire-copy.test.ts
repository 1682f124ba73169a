import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { articleOf, problemsOf } from '../../support/articles.ts';
import { fixture, repoContentDir } from '../../support/content-folder.ts';
import { shanghaiSite, siteWith } from '../../support/sites.ts';

describe('the seed article', () => {
  const text = readFileSync(`${repoContentDir}articles/sco-digital-link.txt`, 'utf8');
  const article = articleOf(parseWireCopy('articles/sco-digital-link.txt', text, shanghaiSite));
  const bodyLine = text.split('\n')[2];

  it('keeps the title exactly as written, odd quotes included', () => {
    expect(article.title).toBe(
      "SCO's' Digital Link ': Bridging the Global Digital Divide through Inclusive Cooperation",
    );
  });
  it('reads the date as midnight Beijing time', () => {
    expect(article.published).toEqual({ iso: '2025-07-16T00:00:00+08:00', epochMs: Date.UTC(2025, 6, 15, 16) });
    expect(article.updated).toEqual(article.published);
  });
  it('keeps the body exactly as written, the U+201D before "Looking ahead" included', () => {
    expect(article.bodyText).toBe(bodyLine);
    expect(article.bodyText).toContain('\u201DLooking ahead');
    expect(article.bodyText.endsWith('(New Society)')).toBe(true);
  });
  it('reads editor and responsible editor from one line', () => {
    expect(article.editor).toBe('Yi Yi');
    expect(article.responsibleEditor).toBe('Li Nian');
  });
  it('turns the host name source into an https URL', () => {
    expect(article.source).toEqual({ name: 'www.news.cn', url: 'https://www.news.cn/' });
  });
  it('keeps the copyright notice with its label, to the end of the file', () => {
    expect(article.copyright?.startsWith('Special statement: if the pictures')).toBe(true);
    expect(article.copyright?.endsWith('lwxsd@liaowanghn.com')).toBe(true);
    expect(text.endsWith(article.copyright ?? '-')).toBe(true);
  });
  it('derives slug, language, tags, summary and escaped HTML', () => {
    expect(article.slug).toBe('sco-digital-link');
    expect(article.format).toBe('wire-copy');
    expect(article.language).toBe('en');
    expect(article.tags).toEqual([]);
    expect(article.summary.endsWith('…')).toBe(true);
    expect(Array.from(article.summary).length).toBeLessThanOrEqual(280);
    expect(article.summary.startsWith("In today's rapidly advancing global digital wave")).toBe(true);
    expect(article.bodyHtml.startsWith('<p>In today&#39;s rapidly')).toBe(true);
    expect(article.bodyHtml).toContain('&quot;digital divide&quot;');
    expect(article.bodyHtml.endsWith('(New Society)</p>')).toBe(true);
  });
});

describe('wire copy layout', () => {
  it('reads CRLF line ends and a BOM, keeping trailing spaces inside lines', () => {
    const article = articleOf(parseWireCopy('articles/crlf-bom.txt', fixture('wire/crlf-bom.txt'), siteWith()));
    expect(article.title).toBe('Windows line ends');
    expect(article.bodyText).toBe(
      'First paragraph, line one.  \nLine two of the first paragraph.\n\nSecond paragraph.',
    );
    expect(article.bodyHtml).toBe(
      '<p>First paragraph, line one.  \nLine two of the first paragraph.</p>\n<p>Second paragraph.</p>',
    );
    expect(article.editor).toBe('Yi Yi');
    expect(article.responsibleEditor).toBe('Li Nian');
    expect(article.copyright).toBe('Special statement: all rights reserved.');
  });

  it('reads Chinese labels with full-width colons and an ideographic space between them', () => {
    const article = articleOf(
      parseWireCopy('articles/chinese-labels.txt', fixture('wire/chinese-labels.txt'), shanghaiSite),
    );
    expect(article.editor).toBe('张三');
    expect(article.responsibleEditor).toBe('李念');
    expect(article.source).toEqual({ name: 'www.news.cn', url: 'https://www.news.cn/' });
    expect(article.copyright).toBe('特别声明：本站转载的图文如侵犯您的合法权益，请与本站联系。');
    expect(article.bodyText).toBe(
      '　　上海合作组织数字经济论坛近日在天津举行，一系列新成果落地。\n\n　　各方一致同意加强数字领域合作。',
    );
    expect(article.language).toBe('zh');
  });

  it('reads Chinese editor labels run together without any space', () => {
    const text = '标题\n2025-07-16\n正文。\n编辑：张三责任编辑：李四\n';
    const article = articleOf(parseWireCopy('articles/run-together.txt', text, siteWith()));
    expect([article.editor, article.responsibleEditor]).toEqual(['张三', '李四']);
  });

  it('reads bracketed Chinese trailer lines', () => {
    const text = '标题\n2025-07-16\n正文。\n（责任编辑：李四）\n【来源：www.news.cn】\n';
    const article = articleOf(parseWireCopy('articles/brackets.txt', text, siteWith()));
    expect(article.responsibleEditor).toBe('李四');
    expect(article.source?.url).toBe('https://www.news.cn/');
  });

  it('reads editor and responsible editor on separate lines, any case, spaces around the colon', () => {
    const article = articleOf(
      parseWireCopy('articles/separate-lines.txt', fixture('wire/separate-lines.txt'), siteWith()),
    );
    expect(article.bodyText).toBe('The body.');
    expect(article.editor).toBe('Yi Yi');
    expect(article.responsibleEditor).toBe('Li Nian');
    expect(article.source?.name).toBe('www.news.cn');
    expect(article.copyright).toBeUndefined();
  });

  it('publishes an article without a trailer, paragraphs split by one or more blank lines', () => {
    const article = articleOf(parseWireCopy('articles/no-trailer.txt', fixture('wire/no-trailer.txt'), siteWith()));
    expect(article.bodyText).toBe('One paragraph.\n\nAnother paragraph\nwith a second line.');
    expect(article.editor).toBeUndefined();
    expect(article.responsibleEditor).toBeUndefined();
    expect(article.source).toBeUndefined();
    expect(article.copyright).toBeUndefined();
    expect(article.summary).toBe('One paragraph.');
  });

  it('accepts a file without a final newline', () => {
    const article = articleOf(
      parseWireCopy('articles/no-final-newline.txt', fixture('wire/no-final-newline.txt'), siteWith()),
    );
    expect(article.bodyText).toBe('The body.');
    expect(article.editor).toBe('Yi Yi');
  });

  it('keeps body lines that merely start like a label in the body', () => {
    const article = articleOf(
      parseWireCopy('articles/label-in-body.txt', fixture('wire/label-in-body.txt'), siteWith()),
    );
    expect(article.bodyText).toBe(
      'The ministry briefed reporters on Tuesday.\nSource: officials said the plan was on track.\n\n' +
        'Copyright: the new rules take effect in May.\n\n' +
        'Editor: the story continues in this paragraph.\nMore body text follows here.',
    );
    expect(article.editor).toBe('Yi Yi');
    expect(article.responsibleEditor).toBe('Li Nian');
    expect(article.source?.url).toBe('https://www.news.cn/');
    expect(article.copyright).toBeUndefined();
  });

  it('keeps a copyright notice that spans two lines', () => {
    const article = articleOf(
      parseWireCopy('articles/copyright-two-lines.txt', fixture('wire/copyright-two-lines.txt'), siteWith()),
    );
    expect(article.copyright).toBe(
      'Special statement: if the pictures and texts infringe your rights,\nplease contact this site: lwxsd@liaowanghn.com',
    );
    expect(article.editor).toBe('Yi Yi');
    expect(article.bodyText).toBe('The body.');
  });

  it('takes a full URL source with its host as the name', () => {
    const article = articleOf(parseWireCopy('articles/url-source.txt', fixture('wire/url-source.txt'), siteWith()));
    expect(article.source).toEqual({ name: 'english.news.cn', url: 'https://english.news.cn/20250716/abc/c.html' });
  });

  it('replaces characters XML cannot carry with spaces, keeping TAB in the body', () => {
    const text =
      'Ti\u0001tle\u0000\n2025-07-16\nBo\u0008dy\twith\u000Bcontrols\uFFFE and \uD800 lone.\nEdit:Yi\u001FYi\n';
    const article = articleOf(parseWireCopy('articles/controls.txt', text, siteWith()));
    expect(article.title).toBe('Ti tle');
    expect(article.bodyText).toBe('Bo dy\twith controls  and   lone.');
    expect(article.editor).toBe('Yi Yi');
  });
});

describe('wire copy dates', () => {
  const dateOf = (dateLine: string, timeZone = 'UTC') =>
    articleOf(parseWireCopy('articles/d.txt', `Title\n${dateLine}\nBody.\n`, siteWith({ timeZone }))).published;

  it('reads a time with an offset and keeps the offset', () => {
    const article = articleOf(parseWireCopy('articles/time-offset.txt', fixture('wire/time-offset.txt'), siteWith()));
    expect(article.published).toEqual({ iso: '2025-07-16T14:05:09+08:00', epochMs: Date.UTC(2025, 6, 16, 6, 5, 9) });
  });
  it('accepts Z, +08:00 and a T separator, seconds always written', () => {
    expect(dateOf('2025-07-16T14:05Z').iso).toBe('2025-07-16T14:05:00Z');
    expect(dateOf('2025-07-16 14:05 +08:00').iso).toBe('2025-07-16T14:05:00+08:00');
    expect(dateOf('2025-07-16T14:05:30-0330').epochMs).toBe(Date.UTC(2025, 6, 16, 17, 35, 30));
  });
  it('reads a time without an offset in the site time zone, across DST', () => {
    expect(dateOf('2025-07-16 09:30', 'America/New_York')).toEqual({
      iso: '2025-07-16T09:30:00-04:00',
      epochMs: Date.UTC(2025, 6, 16, 13, 30),
    });
    expect(dateOf('2025-01-16 09:30', 'America/New_York').iso).toBe('2025-01-16T09:30:00-05:00');
    expect(dateOf('2025-07-16', 'Asia/Shanghai').iso).toBe('2025-07-16T00:00:00+08:00');
  });
  it('moves a local time skipped by DST forward and takes the earlier of a repeated time', () => {
    expect(dateOf('2025-03-09 02:30', 'America/New_York').iso).toBe('2025-03-09T03:30:00-04:00');
    expect(dateOf('2025-11-02 01:30', 'America/New_York').iso).toBe('2025-11-02T01:30:00-04:00');
  });
  it('reports an impossible date with its line', () => {
    expect(problemsOf(parseWireCopy('articles/bad-date.txt', fixture('wire/bad-date.txt'), siteWith()))).toEqual([
      {
        file: 'articles/bad-date.txt',
        line: 2,
        message: 'the date line: "2025-13-45" is not a real date: month 13 does not exist',
      },
    ]);
  });
  it.each([
    ['2025-02-30', 'day 30 does not exist in 2025-02'],
    ['2024-02-30', 'day 30 does not exist in 2024-02'],
    ['2025-07-16 25:00', 'hour 25 does not exist (00–23)'],
    ['2025-07-16 10:60', 'minute 60 does not exist (00–59)'],
  ])('rejects %s', (dateLine, reason) => {
    const [problem] = problemsOf(parseWireCopy('articles/d.txt', `Title\n${dateLine}\nBody.\n`, siteWith()));
    expect(problem?.line).toBe(2);
    expect(problem?.message).toBe(`the date line: "${dateLine}" is not a real date: ${reason}`);
  });
  it('accepts 29 February in a leap year', () => {
    expect(dateOf('2024-02-29').iso).toBe('2024-02-29T00:00:00+00:00');
  });
  it('rejects text that is not a date, saying what to write', () => {
    const [problem] = problemsOf(parseWireCopy('articles/d.txt', 'Title\nJuly 16, 2025\nBody.\n', siteWith()));
    expect(problem).toEqual({
      file: 'articles/d.txt',
      line: 2,
      message:
        'the date line: "July 16, 2025" is not a date: write YYYY-MM-DD, or YYYY-MM-DD HH:MM[:SS] with an optional offset such as +08:00 or Z',
    });
  });
});

describe('wire copy problems', () => {
  it('credits a source that is neither a host nor a URL by name, warning with its line', () => {
    const result = parseWireCopy('articles/bad-source.txt', fixture('wire/bad-source.txt'), siteWith());
    expect(articleOf(result).source).toEqual({ name: 'www.news..cn' });
    expect(result.ok && result.warnings).toEqual([
      { file: 'articles/bad-source.txt', line: 5, message: 'source "www.news..cn" is not a URL; credited by name' },
    ]);
  });
  it('reports a missing body', () => {
    const problems = problemsOf(parseWireCopy('articles/empty-body.txt', fixture('wire/empty-body.txt'), siteWith()));
    expect(problems.map((problem) => problem.line)).toEqual([3]);
    expect(problems[0]?.message).toMatch(/^the body is missing/);
  });
  it('reports an invalid slug from the file name, with a suggestion', () => {
    const problems = problemsOf(parseWireCopy('articles/Bad Name.txt', 'Title\n2025-07-16\nBody.\n', siteWith()));
    expect(problems).toEqual([
      {
        file: 'articles/Bad Name.txt',
        line: undefined,
        message:
          'slug "Bad Name" (from the file name; rename the file) is not allowed: use lowercase letters a-z, digits, "-" and "_", starting with a letter or digit, e.g. "bad-name"',
      },
    ]);
  });
  it('reports every problem of a file at once', () => {
    const text = 'Title\n2025-02-30\n\nEdit: A\nEdit: B\nSource: www..news.cn\n';
    const problems = problemsOf(parseWireCopy('articles/Many_Problems.txt', text, siteWith()));
    expect(problems.map((problem) => problem.line)).toEqual([undefined, 2, 3]);
    expect(problems[2]?.message).toMatch(/^the body is missing/);
  });
  it('keeps the first of a trailer field given twice, with a warning, never an error', () => {
    const result = parseWireCopy('articles/t.txt', 'Title\n2025-07-16\nBody.\nEdit: A\nEdit: B\n', siteWith());
    expect(articleOf(result).editor).toBe('A');
    expect(result.ok && result.warnings).toEqual([
      { file: 'articles/t.txt', line: 5, message: 'the editor is given twice (first on line 4); the first is used' },
    ]);
  });
  it('reports an empty file and a missing date', () => {
    expect(problemsOf(parseWireCopy('articles/empty.txt', '\n  \n', siteWith()))[0]?.line).toBe(1);
    expect(problemsOf(parseWireCopy('articles/t.txt', 'Only a title\n', siteWith()))).toEqual([
      {
        file: 'articles/t.txt',
        line: 2,
        message: 'the date is missing: the line after the title must be a date (YYYY-MM-DD)',
      },
    ]);
  });
  it('reports a missing title when the file starts with the date', () => {
    const problems = problemsOf(parseWireCopy('articles/t.txt', '2025-07-16\nBody.\n', siteWith()));
    expect(problems).toEqual([
      {
        file: 'articles/t.txt',
        line: 1,
        message: 'the title is missing: this line is a date, and the title must come before it',
      },
    ]);
  });
});
