import { describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../../src/render/article-page.ts';
import { hostilePageArticle, payloads } from '../../support/hostile.ts';
import { attributeOf, one, parseDocument, textOf } from '../../support/html.ts';
import { pageSite as site } from '../../support/sites.ts';

const hostile = hostilePageArticle();
const html = renderArticlePage(site, hostile);
const doc = parseDocument(html);

describe('an article whose every field is hostile', () => {
  it('shows the title as text, escaped, in the h1 and the <title>', () => {
    expect(textOf(one(doc, 'h1'))).toBe(hostile.title);
    expect(textOf(one(doc, 'title'))).toBe(`${hostile.title} — Wirefeed`);
    expect(html).toContain(
      '<h1>&lt;/script&gt;&lt;script&gt;window.__pwned = 3; alert(3)&lt;/script&gt; &lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=&quot;window.__pwned = 2; alert(2)&quot;&gt; ]]&gt; &amp; &lt;![CDATA[ 上海合作组织“数字纽带”</h1>',
    );
  });

  it('creates no element from any field: one script (the JSON-LD), no img, no foreign attribute', () => {
    expect(doc.querySelectorAll('script').length).toBe(1);
    expect(doc.querySelectorAll('img').length).toBe(0);
    expect(doc.querySelectorAll('[onerror]').length).toBe(0);
    expect(html.match(/<script/g)?.length).toBe(1);
  });

  it('keeps the JSON-LD inside its script: no "</script", "<" or ">" in it, and it parses back to the exact values', () => {
    const script = one(doc, 'script[type="application/ld+json"]').textContent;
    expect(script).not.toMatch(/<\/script/i);
    expect(script).not.toMatch(/[<>&\u2028\u2029]/);
    const data = JSON.parse(script) as Record<string, unknown>;
    expect(data.headline).toBe(hostile.title);
    expect(data.description).toBe(hostile.summary);
    expect(data.editor).toEqual({ '@type': 'Person', name: payloads.attribute });
    expect(data.accountablePerson).toEqual({ '@type': 'Person', name: `责任编辑 ${payloads.closeScript}` });
    expect(data.sourceOrganization).toEqual({
      '@type': 'Organization',
      name: payloads.script,
      url: `https://evil.example/?q=${payloads.attribute}`,
    });
    expect(data.copyrightNotice).toBe(`特别声明 ${payloads.closeScript} ${payloads.cdata}`);
    expect(data.keywords).toEqual([payloads.closeScript, payloads.chinese]);
    expect(data.inLanguage).toBe('zh-CN');
  });

  it('keeps attribute values whole: meta contents and the source link round-trip exactly', () => {
    expect(attributeOf(one(doc, 'meta[name="description"]'), 'content')).toBe(hostile.summary);
    expect(attributeOf(one(doc, 'meta[property="og:title"]'), 'content')).toBe(hostile.title);
    expect(attributeOf(one(doc, '.attribution dd a'), 'href')).toBe(`https://evil.example/?q=${payloads.attribute}`);
    expect(attributeOf(one(doc, 'link[rel="canonical"]'), 'href')).toBe(
      `https://evil.example/?q=${payloads.attribute}`,
    );
  });

  it("shows the attribution fields and copyright as text, labelled in the article's language (zh-CN)", () => {
    const rows = doc
      .querySelectorAll('.attribution dl > div')
      .map((row) => [textOf(row.querySelector('dt')), textOf(row.querySelector('dd'))]);
    expect(rows).toEqual([
      ['来源', payloads.script],
      ['编辑', payloads.attribute],
      ['责任编辑', `责任编辑 ${payloads.closeScript}`],
      ['发布', '17 July 2025, 09:30 +08:00'],
      ['更新', '18 July 2025, 14:05 UTC'],
    ]);
    expect(textOf(one(doc, '.copyright'))).toBe(`特别声明 ${payloads.closeScript} ${payloads.cdata}`);
  });

  it('declares the Chinese article as zh-CN', () => {
    expect(attributeOf(one(doc, 'html'), 'lang')).toBe('zh-CN');
    expect(attributeOf(one(doc, 'meta[property="og:locale"]'), 'content')).toBe('zh_CN');
  });

  it('does not link a source URL that is not http(s)', () => {
    const page = parseDocument(
      renderArticlePage(site, { ...hostile, source: { name: 'Trap', url: 'javascript:alert(1)' } }),
    );
    expect(page.querySelectorAll('.attribution dd a').length).toBe(0);
    expect(textOf(page.querySelector('.attribution dd'))).toBe('Trap');
  });
});
