/** Hostile strings for tests: payloads that try to run or break out in HTML, text that breaks naive XML, the articles that carry them, and search queries. */
import type { Article } from '../../src/model/article.ts';
import { escapeHtml } from '../../src/render/html.ts';
import { articleDate, paragraphsHtml } from './articles.ts';

/** Every payload lands in text, attributes and JSON-LD; none may run or break out. */
export const payloads = {
  script: '<script>window.__pwned = 1; alert(1)</script>',
  attribute: '"><img src=x onerror="window.__pwned = 2; alert(2)">',
  closeScript: '</script><script>window.__pwned = 3; alert(3)</script>',
  cdata: ']]> & <![CDATA[',
  chinese: '上海合作组织“数字纽带”',
  unbroken: `https://example.com/${'averyveryverylongunbrokenpathsegment'.repeat(8)}`,
} as const;

/** Every character that breaks naive XML: markup, entities, a CDATA end twice, quotes, C0 controls, Chinese. */
export const hostileText = `<script>alert(1)</script> & ]]> "double" 'single' ]]> \u0001\u0008\u001B 责任编辑 李念`;

/** A Markdown article whose every field carries the HTML payloads: for the pages, which must show them as text. */
export function hostilePageArticle(): Article {
  const body = [
    `${payloads.chinese}：在数字经济合作中，各国不断凝聚共识。${payloads.script}`,
    `${payloads.attribute} ${payloads.cdata} ${payloads.unbroken}`,
  ];
  return {
    slug: 'hostile',
    file: 'articles/hostile.md',
    format: 'markdown',
    title: `${payloads.closeScript} ${payloads.script} ${payloads.attribute} ${payloads.cdata} ${payloads.chinese}`,
    published: articleDate('2025-07-17T09:30:00+08:00'),
    updated: articleDate('2025-07-18T14:05:00Z'),
    summary: `${payloads.attribute} ${payloads.closeScript} ${payloads.unbroken}`,
    bodyText: body.join('\n\n'),
    // What the sanitizer hands over: the payloads as text, never as markup.
    bodyHtml: body.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n'),
    editor: payloads.attribute,
    responsibleEditor: `责任编辑 ${payloads.closeScript}`,
    source: { name: payloads.script, url: `https://evil.example/?q=${payloads.attribute}` },
    copyright: `特别声明 ${payloads.closeScript} ${payloads.cdata}`,
    language: 'zh-CN',
    tags: [payloads.closeScript, payloads.chinese],
  };
}

/** A wire copy whose every field carries hostileText: for the feeds, which must stay well-formed XML. */
export function hostileFeedArticle(): Article {
  const bodyText = `${hostileText}\n\nSecond paragraph ]]> & <b>bold</b>`;
  return {
    slug: 'hostile',
    file: 'articles/hostile.txt',
    format: 'wire-copy',
    title: hostileText,
    published: articleDate('2025-07-15T09:30:00-05:00'),
    updated: articleDate('2025-07-15T18:00:00-05:00'),
    summary: hostileText,
    bodyText,
    bodyHtml: paragraphsHtml(bodyText),
    editor: 'Tom & Jerry <ed>',
    responsibleEditor: '责任编辑 李念',
    source: { name: 'A&B "News"', url: 'https://source.example.org/?a=1&b=<2>' },
    copyright: 'Rights ]]> & <reserved>',
    language: 'zh-CN',
    tags: ['a&b', '<tag>', ']]>'],
  };
}

/** What parseSearchQuery makes of each query: words to search, nothing searchable (the form), or over 200 characters (a 400). */
export type QueryKind = 'query' | 'empty' | 'too-long';

/** Queries a client can send to /search that FTS5 would read as syntax or choke on: each must be answered as text. */
export const hostileQueries: readonly (readonly [name: string, query: string, kind: QueryKind])[] = [
  ['a lone double quote', '"', 'empty'],
  ['an unbalanced phrase', '"digital economy', 'query'],
  ['a balanced phrase', '"digital economy"', 'query'],
  ['a doubled quote', '""', 'empty'],
  ['a lone star', '*', 'empty'],
  ['a prefix star', 'digi*', 'query'],
  ['a leading star', '*digital', 'query'],
  ['NEAR with a group', 'NEAR(a b)', 'query'],
  ['NEAR with a distance', 'NEAR(digital economy, 2)', 'query'],
  ['AND', 'digital AND economy', 'query'],
  ['OR', 'digital OR economy', 'query'],
  ['NOT', 'digital NOT economy', 'query'],
  ['a lone AND', 'AND', 'query'],
  ['a lone NOT', 'NOT', 'query'],
  ['a column filter', 'a:b', 'query'],
  ['a real column filter', 'title:digital', 'query'],
  ['a column set', '{title text}: digital', 'query'],
  ['a minus', '-x', 'query'],
  ['a negated column', '- title:digital', 'query'],
  ['an opening parenthesis', '(', 'empty'],
  ['a closing parenthesis', ')', 'empty'],
  ['unbalanced parentheses', '(digital OR (economy', 'query'],
  ['a caret', '^', 'empty'],
  ['an initial-token caret', '^digital', 'query'],
  ['a plus', 'digital + economy', 'query'],
  ['a NUL', '\u0000', 'empty'],
  ['a NUL inside a word', 'digi\u0000tal', 'query'],
  ['control characters', '\r\n\t\u0007\u001b', 'empty'],
  ['a lone high surrogate', '\uD800', 'empty'],
  ['a lone low surrogate', 'x\uDC00y', 'query'],
  ['the replacement character', '\uFFFD', 'empty'],
  ['an emoji', '😀', 'empty'],
  ['an emoji sequence', '👩‍👩‍👧 🇨🇳', 'empty'],
  ['SQL', "'; DROP TABLE search_articles; --", 'query'],
  ['markup', '<script>alert(1)</script>', 'query'],
  ['entities', '&amp; &lt;', 'query'],
  ['percent signs', '%00 %E4%B8 %', 'query'],
  ['backslashes', '\\" \\\\', 'empty'],
  ['only punctuation', '.,;:!?()[]{}<>', 'empty'],
  ['whitespace only', ' \t\u3000\u00a0 ', 'empty'],
  ['empty', '', 'empty'],
  ['200 characters', 'x'.repeat(200), 'query'],
  ['201 characters', 'y'.repeat(201), 'too-long'],
  ['1,000 characters', 'z'.repeat(1000), 'too-long'],
  ['1,000 quotes', '"'.repeat(1000), 'too-long'],
  ['a long Chinese query', '数字经济'.repeat(50), 'query'],
  ['mixed scripts', 'Café 数字 ＡＢＣ ｶﾀｶﾅ', 'query'],
];
