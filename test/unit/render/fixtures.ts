/** Test fixtures for the feed renderers: a site, the seed article, a hostile one, a bare one, and generated ones. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Article, ArticleDate } from '../../../src/model/article.ts';
import type { Site } from '../../../src/model/site.ts';
import { parsedSeed } from '../../fixtures/seed-article.ts';
import { type FeedPage, pageOf } from '../../whole-documents.ts';

const policy = { maxAge: 300, sMaxAge: 600, staleWhileRevalidate: 86_400 };

export const site: Site = {
  title: 'Wirefeed News',
  description: 'News articles with their attribution intact.',
  baseUrl: 'https://news.example.com',
  language: 'en',
  timeZone: 'Asia/Shanghai',
  publisher: { name: 'Wirefeed Desk', url: 'https://news.example.com/' },
  copyright: 'Copyright 2025 Wirefeed Desk. Articles remain the property of their sources.',
  pageSize: 20,
  accentColor: '#b3261e',
  websubHub: 'https://hub.example.net/',
  cache: { feeds: policy, pages: policy, other: policy },
};

export const date = (iso: string): ArticleDate => ({ iso, epochMs: Date.parse(iso) });

/** What the content parser makes of plain text: escaped paragraphs. */
export const paragraphsHtml = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('\n');

/** The seed article, parsed from the very file that is published (test/fixtures/seed-article.ts), for this site. */
export function seedArticle(): Article {
  return parsedSeed(site);
}

/** Every character that breaks naive XML: markup, entities, a CDATA end twice, quotes, C0 controls, Chinese. */
export const HOSTILE_TEXT = `<script>alert(1)</script> & ]]> "double" 'single' ]]> \u0001\u0008\u001B 责任编辑 李念`;

export function hostileArticle(): Article {
  const bodyText = `${HOSTILE_TEXT}\n\nSecond paragraph ]]> & <b>bold</b>`;
  return {
    slug: 'hostile',
    file: 'articles/hostile.txt',
    format: 'wire-copy',
    title: HOSTILE_TEXT,
    published: date('2025-07-15T09:30:00-05:00'),
    updated: date('2025-07-15T18:00:00-05:00'),
    summary: HOSTILE_TEXT,
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

/** An article with no trailer at all: no editor, responsible editor, source or copyright. */
export function bareArticle(): Article {
  return {
    slug: 'bare',
    file: 'articles/bare.md',
    format: 'markdown',
    title: 'A bare article',
    published: date('2025-07-10T08:00:00Z'),
    updated: date('2025-07-11T08:00:00Z'),
    summary: 'Nothing but text.',
    bodyText: 'Nothing but text.',
    bodyHtml: '<p>Nothing but text.</p>',
    language: 'en',
    tags: ['economy'],
  };
}

/** `count` articles, newest first, one a day back from 2025-06-30, slugs `gen-01` (newest) onward. */
export function generatedArticles(count: number): Article[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const day = new Date(Date.UTC(2025, 5, 30 - i, 4, 0, 0)).toISOString().replace('.000Z', '+00:00');
    return {
      slug: `gen-${n}`,
      file: `articles/gen-${n}.md`,
      format: 'markdown' as const,
      title: `Generated article ${n}`,
      published: date(day),
      updated: date(day),
      summary: `Summary ${n}.`,
      bodyText: `Body ${n}.`,
      bodyHtml: `<p>Body ${n}.</p>`,
      editor: `Editor ${n}`,
      language: 'en',
      tags: [`tag-${n}`],
    };
  });
}

/** Page `page` (1-based) of newest-first `articles` in this site's page size (test/whole-documents.ts). */
export function feedPage(articles: readonly Article[], page = 1, pageSize = site.pageSize): FeedPage {
  return pageOf(articles, page, pageSize);
}

/** Elements that may repeat, by path, so a single one still parses as an array. */
const repeated = new Set([
  'rss.channel.atom:link',
  'rss.channel.item',
  'rss.channel.item.category',
  'rss.channel.item.dc:contributor',
  'feed.link',
  'feed.entry',
  'feed.entry.link',
  'feed.entry.category',
  'feed.entry.contributor',
]);

// biome-ignore lint/suspicious/noExplicitAny: a parsed document is addressed by path in assertions.
export type XmlTree = any;

/** Parses XML strictly (after validating well-formedness) into a tree addressed by path: attributes as `@_name`. */
export function parseXml(xml: string): XmlTree {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`malformed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (_name, jpath) => repeated.has(String(jpath)),
  });
  return parser.parse(xml) as XmlTree;
}

/** Every element name anywhere in a parsed tree. */
export function elementNames(tree: unknown): string[] {
  if (Array.isArray(tree)) return tree.flatMap(elementNames);
  if (tree === null || typeof tree !== 'object') return [];
  return Object.entries(tree).flatMap(([key, value]) =>
    key.startsWith('@_') || key === '#text' ? [] : [key, ...elementNames(value)],
  );
}

/** The text a valid XML document can carry for `value`: control characters became U+FFFD. */
export const asXmlText = (value: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the hostile fixture's own control characters.
  value.replace(/[\u0001\u0008\u001B]/g, '\uFFFD');
