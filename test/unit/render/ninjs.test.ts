import { describe, expect, it } from 'vitest';
import { ninjsDocument, renderNinjs, rfc3986Uri } from '../../../src/render/ninjs.ts';
import { articleDate, bareArticle, seedArticle } from '../../support/articles.ts';
import { hostileFeedArticle, hostileText } from '../../support/hostile.ts';
import { feedSite as site } from '../../support/sites.ts';

const seed = seedArticle(site);

describe('ninjsDocument', () => {
  it("carries the seed's editor, responsible editor, source and copyright notice in ninjs's own fields", () => {
    const document = ninjsDocument(site, seed);
    expect(document.people).toEqual([
      { name: 'Yi Yi', rel: 'editor' },
      { name: 'Li Nian', rel: 'responsibleEditor' },
    ]);
    expect(document.by).toBe('Editor: Yi Yi · Responsible editor: Li Nian');
    expect(document.infoSources).toEqual([
      { name: 'www.news.cn', role: 'source', uri: 'https://www.news.cn/' },
      { name: 'Wirefeed Desk', role: 'publisher', uri: 'https://news.example.com/' },
    ]);
    expect(document.copyrightNotice).toBe(seed.copyright);
    expect(document.usageTerms).toBe(site.copyright);
  });

  it('identifies the article by its permalink and declares ninjs 3.1 with the schema URI', () => {
    const document = ninjsDocument(site, seed);
    expect(document.uri).toBe('https://news.example.com/articles/sco-digital-link');
    expect(document.standard).toEqual({
      name: 'ninjs',
      version: '3.1',
      schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#',
    });
    expect(document.type).toBe('text');
    expect(document.pubStatus).toBe('usable');
    expect(document.language).toBe('en');
  });

  it('says canceled for a retracted article, still carrying its attribution and the schema it declares', () => {
    const retracted = {
      ...seed,
      retracted: { date: articleDate('2025-07-18T09:00:00+08:00'), reason: 'The agency withdrew the story.' },
    };
    const document = ninjsDocument(site, retracted);
    expect(document.pubStatus).toBe('canceled');
    expect(document.copyrightNotice).toBe(seed.copyright);
    expect(ninjsDocument(site, seed).pubStatus).toBe('usable');
  });

  it('dates the first version by publication and this version by the update, in the article offset', () => {
    const hostile = ninjsDocument(site, hostileFeedArticle());
    expect(hostile.firstCreated).toBe('2025-07-15T09:30:00-05:00');
    expect(hostile.versionCreated).toBe('2025-07-15T18:00:00-05:00');
    // The version is the update instant in seconds: an update gives a larger number.
    expect(hostile.version).toBe(String(Date.parse('2025-07-15T18:00:00-05:00') / 1000));
    const later = { ...hostileFeedArticle(), updated: articleDate('2025-07-16T08:00:00+08:00') };
    expect(Number(ninjsDocument(site, later).version)).toBeGreaterThan(Number(hostile.version));
  });

  it('holds headline, summary and the body as plain text and as HTML', () => {
    const document = ninjsDocument(site, seed);
    expect(document.headlines).toEqual([{ role: 'main', contentType: 'text/plain', value: seed.title }]);
    expect(document.descriptions).toEqual([{ role: 'summary', contentType: 'text/plain', value: seed.summary }]);
    expect(document.bodies).toEqual([
      { role: 'main', contentType: 'text/plain', charCount: [...seed.bodyText].length, value: seed.bodyText },
      { role: 'main', contentType: 'text/html', value: seed.bodyHtml },
    ]);
  });

  it('makes every link and picture in the HTML body absolute, as the feeds do: a partner has no base URL', () => {
    const linked = {
      ...seed,
      bodyHtml:
        '<p><a href="/articles/other">before</a> <a href="notes#x">notes</a> <img src="/media/a.jpg" alt=""></p>',
    };
    const bodies = ninjsDocument(site, linked).bodies as { contentType: string; value: string }[];
    const html = bodies.find((body) => body.contentType === 'text/html')?.value ?? '';
    const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((match) => match[1]);
    expect(urls).toEqual([
      `${site.baseUrl}/articles/other`,
      `${site.baseUrl}/articles/notes#x`,
      `${site.baseUrl}/media/a.jpg`,
    ]);
  });

  it('keeps hostile text exactly (JSON carries it) and gives the source URL as an RFC 3986 URI', () => {
    const text = renderNinjs(site, hostileFeedArticle());
    const document = JSON.parse(text);
    expect(document.headlines[0].value).toBe(hostileText);
    expect(document.people[1]).toEqual({ name: '责任编辑 李念', rel: 'responsibleEditor' });
    expect(document.infoSources[0]).toEqual({
      name: 'A&B "News"',
      role: 'source',
      uri: 'https://source.example.org/?a=1&b=%3C2%3E',
    });
    expect(document.subjects).toEqual([{ name: 'a&b' }, { name: '<tag>' }, { name: ']]>' }]);
    expect(document.language).toBe('zh-CN');
  });

  it('leaves out what an article without a trailer lacks, and falls back to the site rights', () => {
    const document = ninjsDocument(site, bareArticle());
    expect(document.by).toBeUndefined();
    expect(document.people).toBeUndefined();
    expect(document.infoSources).toEqual([
      { name: 'Wirefeed Desk', role: 'publisher', uri: 'https://news.example.com/' },
    ]);
    expect(document.copyrightNotice).toBe(site.copyright);
    expect(document.subjects).toEqual([{ name: 'economy' }]);
  });

  it('renders the same bytes for the same article, ending with a newline', () => {
    expect(renderNinjs(site, seed)).toBe(renderNinjs(site, seedArticle(site)));
    expect(renderNinjs(site, seed).endsWith('}\n')).toBe(true);
  });
});

describe('rfc3986Uri', () => {
  it('percent-encodes what RFC 3986 does not allow and keeps what it does', () => {
    expect(rfc3986Uri('https://example.com/a|b^c{d}?q=`x`')).toBe('https://example.com/a%7Cb%5Ec%7Bd%7D?q=%60x%60');
    expect(rfc3986Uri('https://例子.cn/路径')).toBe('https://xn--fsqu00a.cn/%E8%B7%AF%E5%BE%84');
    expect(rfc3986Uri('https://example.com/100%')).toBe('https://example.com/100%25');
    expect(rfc3986Uri('https://example.com/a%20b')).toBe('https://example.com/a%20b');
  });

  it('gives nothing for what is not an absolute URL', () => {
    expect(rfc3986Uri('www.news.cn')).toBeUndefined();
  });
});
