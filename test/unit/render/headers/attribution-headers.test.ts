import { describe, expect, it } from 'vitest';
import type { Article } from '../../../../src/model/article.ts';
import { attributionHeaders, linkTarget } from '../../../../src/render/headers/attribution-headers.ts';
import { defaultAttributionBounds } from '../../../../src/render/headers/header-cap.ts';
import { decodeHeaderValue } from '../../../../src/shared/header-value.ts';
import { usualChineseNotice } from '../../../fixtures/notices.ts';
import { bareArticle, seedArticle } from '../../../support/articles.ts';

const seed = seedArticle();

describe('attributionHeaders', () => {
  it("sends the seed article's attribution exactly as SPEC shows", () => {
    expect(attributionHeaders(seed, 'https://www.news.cn/')).toEqual({
      Link: '<https://www.news.cn/>; rel="canonical"',
      'X-Source': 'www.news.cn',
      'X-Source-URL': 'https://www.news.cn/',
      'X-Editor': 'Yi Yi',
      'X-Responsible-Editor': 'Li Nian',
      'X-Copyright': seed.copyright,
    });
  });

  it('lists the headers in one fixed order', () => {
    expect(Object.keys(attributionHeaders(seed, 'https://www.news.cn/'))).toEqual([
      'Link',
      'X-Source',
      'X-Source-URL',
      'X-Editor',
      'X-Responsible-Editor',
      'X-Copyright',
    ]);
  });

  it('sends only the canonical Link for an article without attribution fields', () => {
    expect(attributionHeaders(bareArticle(), 'https://news.example.com/articles/a')).toEqual({
      Link: '<https://news.example.com/articles/a>; rel="canonical"',
    });
  });

  it('sends Chinese attribution as RFC 8187 ext-values', () => {
    const article: Article = {
      ...bareArticle(),
      editor: '易艺',
      responsibleEditor: '责任编辑 李念',
      source: { name: '新华网', url: 'https://www.news.cn/' },
    };
    expect(attributionHeaders(article, 'https://www.news.cn/')).toEqual({
      Link: '<https://www.news.cn/>; rel="canonical"',
      'X-Source': "UTF-8''%E6%96%B0%E5%8D%8E%E7%BD%91",
      'X-Source-URL': 'https://www.news.cn/',
      'X-Editor': "UTF-8''%E6%98%93%E8%89%BA",
      'X-Responsible-Editor': "UTF-8''%E8%B4%A3%E4%BB%BB%E7%BC%96%E8%BE%91%20%E6%9D%8E%E5%BF%B5",
    });
  });

  it('sends the usual Chinese copyright notice whole, beside Chinese credits', () => {
    const article: Article = {
      ...bareArticle(),
      editor: '张三',
      responsibleEditor: '李念',
      source: { name: '新华网', url: 'https://www.news.cn/' },
      copyright: usualChineseNotice,
    };
    const headers = attributionHeaders(article, 'https://www.news.cn/');
    expect(decodeHeaderValue(headers['X-Copyright'] ?? '')).toBe(usualChineseNotice);
  });

  it('never cuts the source URL, and keeps the X- values within the shared budget', () => {
    const url = `https://www.news.cn/${'a'.repeat(2028)}`;
    const worst = '编'.repeat(1365);
    const article: Article = {
      ...bareArticle(),
      editor: worst,
      responsibleEditor: worst,
      source: { name: worst, url },
      copyright: worst,
    };
    const headers = attributionHeaders(article, url);
    expect(headers['X-Source-URL']).toBe(url);
    const values = Object.entries(headers).filter(([name]) => name.startsWith('X-'));
    const total = values.reduce((sum, [, value]) => sum + value.length, 0);
    expect(total).toBeLessThanOrEqual(defaultAttributionBounds.sharedLength);
    let checked = 0;
    for (const [name, value] of values) {
      if (name !== 'X-Source-URL') expect(decodeHeaderValue(value)).toMatch(/^编+…$/);
      checked++;
    }
    expect(checked).toBe(5);
  });

  it('turns a CR LF injection attempt into spaces', () => {
    const article: Article = { ...bareArticle(), editor: 'Yi Yi\r\nSet-Cookie: session=stolen' };
    const headers = attributionHeaders(article, 'https://www.news.cn/');
    expect(headers['X-Editor']).toBe('Yi Yi  Set-Cookie: session=stolen');
    const sent = new Headers(headers);
    expect(sent.get('Set-Cookie')).toBeNull();
  });

  it('keeps an injection attempt in the canonical URL inside the Link value', () => {
    const headers = attributionHeaders(bareArticle(), 'https://evil.example/a>; rel="x"\r\nSet-Cookie: a=b');
    expect(headers.Link).toBe('<https://evil.example/a%3E;%20rel=%22x%22Set-Cookie:%20a=b>; rel="canonical"');
  });
});

describe('linkTarget', () => {
  it('percent-encodes a non-ASCII path and writes an IDN host in punycode', () => {
    expect(linkTarget('https://例子.测试/新闻?q=李')).toBe(
      'https://xn--fsqu00a.xn--0zwm56d/%E6%96%B0%E9%97%BB?q=%E6%9D%8E',
    );
  });

  it('percent-encodes angle brackets and spaces the URL parser leaves in an opaque path', () => {
    expect(linkTarget('mailto:a <b>@example.com')).toBe('mailto:a%20%3Cb%3E@example.com');
  });

  it('percent-encodes text that is not a URL instead of dropping it', () => {
    expect(linkTarget('not a url <é>')).toBe('not%20a%20url%20%3C%C3%A9%3E');
  });
});
