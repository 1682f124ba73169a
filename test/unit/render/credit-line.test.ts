import { describe, expect, it } from 'vitest';
import { contentHtml, creditLineHtml } from '../../../src/render/credit-line.ts';
import { bareArticle, seedArticle } from '../../support/articles.ts';
import { hostileFeedArticle } from '../../support/hostile.ts';
import { feedSite as site } from '../../support/sites.ts';

describe('creditLineHtml', () => {
  it('credits the seed source, editor and responsible editor, then its copyright notice', () => {
    const seed = seedArticle(site);
    expect(creditLineHtml(seed)).toBe(
      '<p class="credit">Source: <a href="https://www.news.cn/">www.news.cn</a> \u00b7 Editor: Yi Yi \u00b7 Responsible editor: Li Nian</p>\n' +
        `<p class="copyright">${seed.copyright}</p>`,
    );
  });

  it('is empty for an article without any trailer field', () => {
    expect(creditLineHtml(bareArticle())).toBe('');
  });

  it('credits only the fields an article has', () => {
    expect(creditLineHtml({ ...bareArticle(), responsibleEditor: 'Li Nian' })).toBe(
      '<p class="credit">Responsible editor: Li Nian</p>',
    );
  });

  it('escapes every value, attribute included, with labels in the article language (zh-CN)', () => {
    expect(creditLineHtml(hostileFeedArticle())).toBe(
      '<p class="credit">来源：<a href="https://source.example.org/?a=1&amp;b=&lt;2&gt;">A&amp;B &quot;News&quot;</a>' +
        ' \u00b7 编辑：Tom &amp; Jerry &lt;ed&gt; \u00b7 责任编辑：责任编辑 李念</p>\n' +
        '<p class="copyright">Rights ]]&gt; &amp; &lt;reserved&gt;</p>',
    );
  });
});

describe('contentHtml', () => {
  it('is the body followed by the credit line', () => {
    const seed = seedArticle(site);
    expect(contentHtml(site, seed)).toBe(`${seed.bodyHtml}\n${creditLineHtml(seed)}`);
  });

  it('is the body alone when there is nothing to credit', () => {
    expect(contentHtml(site, bareArticle())).toBe('<p>Nothing but text.</p>');
  });
});

describe('contentHtml URLs', () => {
  it('resolves relative links and images in the body against the article URL, root-relative ones against the base URL', () => {
    const article = {
      ...bareArticle(),
      slug: 'here',
      bodyHtml:
        '<p><a href="other-article">x</a> <img src="pic.png" alt="" /> <a href="/about?a=1&amp;b=2">y</a> <a href="#notes">n</a> <a href="https://example.com/a?b=1&amp;c=2">abs</a> text href="kept"</p>',
    };
    expect(contentHtml(site, article)).toBe(
      `<p><a href="${site.baseUrl}/articles/other-article">x</a> <img src="${site.baseUrl}/articles/pic.png" alt="" /> <a href="${site.baseUrl}/about?a=1&amp;b=2">y</a> <a href="${site.baseUrl}/articles/here#notes">n</a> <a href="https://example.com/a?b=1&amp;c=2">abs</a> text href="kept"</p>`,
    );
  });
});
