import { describe, expect, it } from 'vitest';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import { renderArticlePage } from '../../../src/render/article-page.ts';
import { seedLines, seedText } from '../../support/articles.ts';
import { attributeOf, one, parseDocument, textOf } from '../../support/html.ts';
import { pageSite as site } from '../../support/sites.ts';
import { htmlProblems } from './validate.ts';

// The same page, from the seed as the real parser reads it (the other tests build the Article by hand).
const parsed = parseWireCopy('articles/sco-digital-link.txt', seedText, site);
if (!parsed.ok || parsed.draft) throw new Error(`the seed does not parse: ${JSON.stringify(parsed)}`);
const article = parsed.article;
const html = renderArticlePage(site, article);
const doc = parseDocument(html);

describe('the seed article, parsed by parseWireCopy, as a page', () => {
  it('is valid HTML', async () => {
    expect(await htmlProblems(html)).toEqual([]);
  });

  it('shows the title, the body text and the attribution exactly as written', () => {
    expect(textOf(one(doc, 'h1'))).toBe(seedLines[0]);
    expect(textOf(one(doc, '.article-body'))).toBe(seedLines[2]);
    expect(textOf(one(doc, '.copyright'))).toBe(seedLines[5]);
    const rows = doc
      .querySelectorAll('.attribution dl > div')
      .map((row) => [textOf(row.querySelector('dt')), textOf(row.querySelector('dd'))]);
    expect(rows).toEqual([
      ['Source', 'www.news.cn'],
      ['Editor', 'Yi Yi'],
      ['Responsible editor', 'Li Nian'],
      ['Published', '16 July 2025'],
    ]);
    expect(attributeOf(one(doc, 'link[rel="canonical"]'), 'href')).toBe('https://www.news.cn/');
  });
});
