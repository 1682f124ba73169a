import { describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../../src/render/article-page.ts';
import { creditLineHtml } from '../../../src/render/credit-line.ts';
import { labelsFor, labelTable } from '../../../src/render/labels.ts';
import { seedArticle } from '../../support/articles.ts';
import { feedSite as site } from '../../support/sites.ts';

describe('attribution labels in the article language', () => {
  it.each([
    ['zh', labelTable.zh],
    ['zh-CN', labelTable.zh],
    ['zh-Hant-TW', labelTable.zh],
    ['ZH-tw', labelTable.zh],
    ['en', labelTable.en],
    ['en-GB', labelTable.en],
    ['fr', labelTable.en],
    ['zhx', labelTable.en],
  ])('%s uses its table row', (language, labels) => {
    expect(labelsFor(language)).toBe(labels);
  });

  it('credits a Chinese article in Chinese, in the feed credit line and on the page', () => {
    const article = { ...seedArticle(site), language: 'zh-CN', source: { name: '新华社/人民网' } };
    expect(creditLineHtml(article)).toMatch(
      /^<p class="credit">来源：新华社\/人民网 · 编辑：Yi Yi · 责任编辑：Li Nian<\/p>/,
    );
    const page = renderArticlePage(site, article);
    expect(page).toContain('<h2 id="attribution-heading">稿件信息</h2>');
    expect(page).toContain('<div><dt>来源</dt><dd>新华社/人民网</dd></div>');
    expect(page).toContain('<div><dt>发布</dt>');
  });

  it('keeps English labels for an English article', () => {
    expect(creditLineHtml(seedArticle(site))).toMatch(/^<p class="credit">Source: <a href="https:\/\/www.news.cn\/">/);
    expect(renderArticlePage(site, seedArticle(site))).toContain('<h2 id="attribution-heading">Attribution</h2>');
  });
});
