/** Article factories for tests: what a parse gives, the seed as parsed, wire-copy stories, and made-up archives (no node:*, so workerd can load it). */
import seedText from '../../content/articles/sco-digital-link.txt?raw';
import { parseContentDate } from '../../src/content/dates.ts';
import type { ParseResult } from '../../src/content/parse-result.ts';
import { parseWireCopy } from '../../src/content/wire-copy.ts';
import type { Article, ArticleDate } from '../../src/model/article.ts';
import type { Site } from '../../src/model/site.ts';
import { shanghaiSite, testSite } from './sites.ts';

/** An ISO 8601 instant as an article carries it. */
export function articleDate(iso: string): ArticleDate {
  return { iso, epochMs: Date.parse(iso) };
}

/** A date line read in `site`'s time zone, as the parser reads it; a bad one fails the test. */
export function dateIn(site: Site, text: string): ArticleDate {
  const parsed = parseContentDate(text, site.timeZone);
  if (!parsed) throw new Error(`bad test date ${text}`);
  return parsed;
}

/** The article of a result, failing the test with the problems when there is none. */
export function articleOf(result: ParseResult): Article {
  if (!result.ok)
    throw new Error(
      `expected an article, got problems:\n${result.problems.map((p) => `${p.line}: ${p.message}`).join('\n')}`,
    );
  if (result.draft) throw new Error('expected an article, got a draft');
  return result.article;
}

/** The problems of a result as `line: message` (no file), failing when it parsed. */
export function problemsOf(result: ParseResult): { line: number | undefined; message: string; file: string }[] {
  if (result.ok) throw new Error('expected problems, got a result');
  return result.problems.map((problem) => ({ line: problem.line, message: problem.message, file: problem.file }));
}

/** content/articles/sco-digital-link.txt, the seed, exactly as stored. */
export { seedText };

/** The seed's lines, split the way the wire-copy layout defines them (title, date, body, trailer). */
export const seedLines = seedText.replace(/^\uFEFF/, '').split(/\r?\n/);

/** The seed as the parser makes it for `site` (its date has no offset: the site's time zone counts). */
export function seedArticle(site: Site = shanghaiSite): Article {
  return articleOf(parseWireCopy('articles/sco-digital-link.txt', seedText, site));
}

/** Newest first: `count` copies of the seed for `site`, `article-1` (28 July 2025) onward, a day apart. */
export function seedArchive(count: number, site?: Site): Article[] {
  const seed = seedArticle(site);
  return Array.from({ length: count }, (_, index) => {
    const day = String(28 - index).padStart(2, '0');
    const date = articleDate(`2025-07-${day}T08:${String(index).padStart(2, '0')}:00+08:00`);
    return {
      ...seed,
      slug: `article-${index + 1}`,
      title: `${seed.title} (part ${index + 1})`,
      published: date,
      updated: date,
    };
  });
}

export interface StoryFields {
  /** The title line. @default `Story <slug>` */
  readonly title?: string;
  /** The date line, as an agency writes it (read in the site's time zone when it has no offset). @default '2025-07-16 08:00' */
  readonly date?: string;
  /** The body. @default `Body of <slug>.` */
  readonly body?: string;
  /** The trailer's lines. @default ['Source:www.news.cn'] */
  readonly trailer?: readonly string[];
  /** Tags, as a sidecar would give them. @default none */
  readonly tags?: readonly string[];
  /** When (a date line) and why the agency withdrew it (@default reason 'Withdrawn.'). @default not retracted */
  readonly retracted?: { readonly date: string; readonly reason?: string };
  /** The site it is parsed for. @default testSite */
  readonly site?: Site;
}

/** Wire copy `articles/<slug>.txt` made of its lines, parsed as the build parses it. */
export function story(slug: string, fields: StoryFields = {}): Article {
  const site = fields.site ?? testSite;
  const lines = [
    fields.title ?? `Story ${slug}`,
    fields.date ?? '2025-07-16 08:00',
    fields.body ?? `Body of ${slug}.`,
    ...(fields.trailer ?? ['Source:www.news.cn']),
  ];
  const article = articleOf(parseWireCopy(`articles/${slug}.txt`, `${lines.join('\n')}\n`, site));
  const { tags, retracted } = fields;
  return {
    ...article,
    ...(tags ? { tags } : {}),
    ...(retracted
      ? { retracted: { date: dateIn(site, retracted.date), reason: retracted.reason ?? 'Withdrawn.' } }
      : {}),
  };
}

/** 08:00 on day `index` of 2025, counting 1 January as day 0 and 28 days to a month: a date line for numbered stories. */
export function storyDay(index: number): string {
  const day = String(1 + (index % 28)).padStart(2, '0');
  const month = String(1 + Math.floor(index / 28)).padStart(2, '0');
  return `2025-${month}-${day} 08:00`;
}

/** `count` stories `<label>-1`, `<label>-2`, … titled `<label> 1`, …, one a day from 1 January 2025 (storyDay). */
export function stories(count: number, label = 'story'): Article[] {
  return Array.from({ length: count }, (_, index) =>
    story(`${label}-${index + 1}`, {
      title: `${label} ${index + 1}`,
      date: storyDay(index),
      body: `Body of ${label} ${index + 1}.`,
    }),
  );
}

/** An article with no trailer at all: no editor, responsible editor, source or copyright. */
export function bareArticle(): Article {
  return {
    slug: 'bare',
    file: 'articles/bare.md',
    format: 'markdown',
    title: 'A bare article',
    published: articleDate('2025-07-10T08:00:00Z'),
    updated: articleDate('2025-07-11T08:00:00Z'),
    summary: 'Nothing but text.',
    bodyText: 'Nothing but text.',
    bodyHtml: '<p>Nothing but text.</p>',
    language: 'en',
    tags: ['economy'],
  };
}

/** `count` Markdown articles, newest first, one a day back from 2025-06-30, slugs `gen-01` (newest) onward. */
export function generatedArticles(count: number): Article[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const day = new Date(Date.UTC(2025, 5, 30 - i, 4, 0, 0)).toISOString().replace('.000Z', '+00:00');
    return {
      slug: `gen-${n}`,
      file: `articles/gen-${n}.md`,
      format: 'markdown' as const,
      title: `Generated article ${n}`,
      published: articleDate(day),
      updated: articleDate(day),
      summary: `Summary ${n}.`,
      bodyText: `Body ${n}.`,
      bodyHtml: `<p>Body ${n}.</p>`,
      editor: `Editor ${n}`,
      language: 'en',
      tags: [`tag-${n}`],
    };
  });
}

/** What the content parser makes of plain text: escaped paragraphs. */
export const paragraphsHtml = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('\n');
