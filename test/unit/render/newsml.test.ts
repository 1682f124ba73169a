import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { updatedWithCorrections } from '../../../src/content/lifecycle-fields.ts';
import { parseWireCopy } from '../../../src/content/wire-copy.ts';
import type { Article } from '../../../src/model/article.ts';
import type { ArticleImage } from '../../../src/model/media.ts';
import { renderAtomEntry } from '../../../src/render/atom.ts';
import { iptcCatalogUrl, NEWSML_NAMESPACE, renderNewsmlItem } from '../../../src/render/newsml.ts';
import { ninjsDocument } from '../../../src/render/ninjs.ts';
import { renderRssItem } from '../../../src/render/rss.ts';
import { articleDate, bareArticle, seedArticle } from '../../support/articles.ts';
import { hostileFeedArticle, hostileText } from '../../support/hostile.ts';
import { feedSite as site } from '../../support/sites.ts';
import { asXmlText, elementNames, parseXml, type XmlTree } from '../../support/xml.ts';

const seed = seedArticle(site);

/** The parsed `newsItem` of an article's document (well-formedness checked first). */
const newsItem = (article: Article, options?: { embargoedUntil?: string }): XmlTree =>
  parseXml(renderNewsmlItem(site, article, options)).newsItem;

/** An element that may occur once or more, always as a list. */
const all = (value: XmlTree): XmlTree[] => (value === undefined ? [] : [value].flat());

const corrections = [
  {
    date: articleDate('2025-07-17T09:00:00+08:00'),
    text: 'An earlier version misstated the number of Luban workshops.',
  },
];
/** The seed with a correction, `updated` moved the way the content parser moves it. */
const corrected: Article = { ...seed, corrections, updated: updatedWithCorrections(seed.updated, corrections) };

const picture: ArticleImage = {
  url: '/media/3q2-7w9Xk0aOsT1f_qf-Ag.jpg',
  width: 1600,
  height: 900,
  type: 'image/jpeg',
  length: 48_213,
  alt: 'Delegates at the 2025 SCO Digital Economy Forum in Tianjin',
  caption: 'The forum opened on Monday.',
  credit: 'Photo by Li Ming / Xinhua',
  copyright: '© Xinhua 2025',
  srcset: [],
  crops: [],
};

describe('renderNewsmlItem: identity and versions', () => {
  it('declares NewsML-G2 2.35 (power) in the NAR namespace, with the IPTC catalog and the article language', () => {
    const item = newsItem(seed);
    expect(item['@_xmlns']).toBe(NEWSML_NAMESPACE);
    expect([item['@_standard'], item['@_standardversion'], item['@_conformance']]).toEqual([
      'NewsML-G2',
      '2.35',
      'power',
    ]);
    expect(item['@_xml:lang']).toBe('en');
    expect(item.catalogRef['@_href']).toBe(iptcCatalogUrl);
    expect(item.itemMeta.itemClass['@_qcode']).toBe('ninat:text');
  });

  it('uses as guid the id the RSS guid, the Atom id and the ninjs uri give the article', () => {
    const guid = newsItem(seed)['@_guid'];
    expect(guid).toBe('https://news.example.com/articles/sco-digital-link');
    expect(parseXml(renderRssItem(site, seed)).item.guid['#text']).toBe(guid);
    expect(parseXml(renderAtomEntry(site, seed)).entry.id).toBe(guid);
    expect(ninjsDocument(site, seed).uri).toBe(guid);
    expect(newsItem({ ...seed, title: 'A new title', bodyHtml: '<p>New text.</p>' })['@_guid']).toBe(guid);
  });

  it('gives the version and dates ninjs gives: first created at publication, this version at the update', () => {
    const item = newsItem(seed);
    const ninjs = ninjsDocument(site, seed);
    expect(item['@_version']).toBe(ninjs.version);
    expect(item.itemMeta.firstCreated).toBe(ninjs.firstCreated);
    expect(item.itemMeta.versionCreated).toBe(ninjs.versionCreated);
    expect(item.itemMeta.firstCreated).toBe('2025-07-16T00:00:00+08:00');
  });

  it('moves version and versionCreated forward with a correction', () => {
    const before = newsItem(seed);
    const after = newsItem(corrected);
    expect(after.itemMeta.versionCreated).toBe('2025-07-17T09:00:00+08:00');
    expect(Number(after['@_version'])).toBeGreaterThan(Number(before['@_version']));
    expect(after.itemMeta.firstCreated).toBe(before.itemMeta.firstCreated);
  });

  it('moves version and versionCreated forward with an update', () => {
    const updated = newsItem({ ...seed, updated: articleDate('2025-07-18T14:05:00Z') });
    expect(updated.itemMeta.versionCreated).toBe('2025-07-18T14:05:00Z');
    expect(updated['@_version']).toBe(String(Date.parse('2025-07-18T14:05:00Z') / 1000));
  });

  it('renders the same bytes for the same article', () => {
    expect(renderNewsmlItem(site, seed)).toBe(renderNewsmlItem(site, seedArticle(site)));
  });
});

describe('renderNewsmlItem: status, signal and embargo', () => {
  it('says stat:usable for a live article and stat:canceled for a retracted one, which keeps its content', () => {
    expect(newsItem(seed).itemMeta.pubStatus['@_qcode']).toBe('stat:usable');
    const retracted = newsItem({
      ...seed,
      retracted: { date: articleDate('2025-07-18T09:00:00+08:00'), reason: 'The agency withdrew the story.' },
    });
    expect(retracted.itemMeta.pubStatus['@_qcode']).toBe('stat:canceled');
    expect(retracted.contentMeta.headline).toBe(seed.title);
    expect(retracted.contentSet.inlineData['#text']).toBe(seed.bodyText);
  });

  it('signals sig:correction only when the article has been corrected', () => {
    expect(newsItem(seed).itemMeta.signal).toBeUndefined();
    expect(all(newsItem(corrected).itemMeta.signal)).toEqual([{ '@_qcode': 'sig:correction' }]);
  });

  it('carries embargoed only when the partners’ release instant is given, at its own offset', () => {
    expect(newsItem(seed).itemMeta.embargoed).toBeUndefined();
    expect(newsItem(seed, { embargoedUntil: '2025-07-20T10:00:00+08:00' }).itemMeta.embargoed).toBe(
      '2025-07-20T10:00:00+08:00',
    );
    expect(newsItem(seed, { embargoedUntil: '2025-07-20T02:00:00.500z' }).itemMeta.embargoed).toBe(
      '2025-07-20T02:00:00.500Z',
    );
  });

  it('refuses an embargo that is not a date-time rather than write an invalid document', () => {
    expect(() => renderNewsmlItem(site, seed, { embargoedUntil: 'tomorrow' })).toThrow(RangeError);
    // Without an offset the instant would depend on the machine's time zone.
    expect(() => renderNewsmlItem(site, seed, { embargoedUntil: '2025-07-20T10:00:00' })).toThrow(RangeError);
  });
});

describe('renderNewsmlItem: attribution and rights', () => {
  it('names the editor and the responsible editor as contributors with their roles, declaring the site role scheme', () => {
    const item = newsItem(seed);
    expect(all(item.contentMeta.contributor).map((c) => [c['@_role'], c.name])).toEqual([
      ['cpprole:editor', 'Yi Yi'],
      ['cpprole:editor wfrole:responsibleEditor', 'Li Nian'],
    ]);
    expect(item.catalog.scheme).toEqual({
      '@_alias': 'wfrole',
      '@_uri': 'https://news.example.com/newscodes/role/',
    });
  });

  it('credits the source as infoSource (the party that originated the content) and the publisher as provider', () => {
    const item = newsItem(seed);
    expect(item.contentMeta.infoSource).toMatchObject({
      '@_role': 'cpprole:origcont',
      '@_uri': 'https://www.news.cn/',
      name: 'www.news.cn',
    });
    expect(item.itemMeta.provider).toMatchObject({ '@_uri': 'https://news.example.com/', name: 'Wirefeed Desk' });
  });

  it('gives the source as copyright holder, the article notice and the site terms, as ninjs does', () => {
    const rights = newsItem(seed).rightsInfo;
    expect(rights.copyrightHolder).toMatchObject({ '@_uri': 'https://www.news.cn/', name: 'www.news.cn' });
    expect(rights.copyrightNotice).toBe(ninjsDocument(site, seed).copyrightNotice);
    expect(rights.usageTerms).toBe(site.copyright);
  });

  it('leaves out what an article without a trailer lacks, with the publisher as holder and the site rights', () => {
    const item = newsItem(bareArticle());
    expect(item.catalog).toBeUndefined();
    expect(item.contentMeta.contributor).toBeUndefined();
    expect(item.contentMeta.infoSource).toBeUndefined();
    expect(item.rightsInfo.copyrightHolder.name).toBe('Wirefeed Desk');
    expect(item.rightsInfo.copyrightNotice).toBe(site.copyright);
  });

  it('describes the content: headline, summary, slugline, language, and a subject per tag by its section URL', () => {
    const item = newsItem({ ...bareArticle(), tags: ['Economy', '经济'] });
    expect(item.contentMeta).toMatchObject({
      headline: 'A bare article',
      description: { '@_role': 'drol:summary', '#text': 'Nothing but text.' },
      slugline: 'bare',
      language: { '@_tag': 'en' },
    });
    expect(all(item.contentMeta.subject).map((s) => [s['@_uri'], s.name])).toEqual([
      ['https://news.example.com/tags/economy', 'Economy'],
      ['https://news.example.com/tags/%E7%BB%8F%E6%B5%8E', '经济'],
    ]);
  });
});

describe('renderNewsmlItem: the lead picture', () => {
  it('links the picture with its alt text, caption, credit line and copyright notice', () => {
    const link = newsItem({ ...seed, image: picture }).itemMeta.link;
    expect(link).toMatchObject({
      '@_rel': 'irel:associatedWith',
      '@_href': 'https://news.example.com/media/3q2-7w9Xk0aOsT1f_qf-Ag.jpg',
      '@_contenttype': 'image/jpeg',
      '@_size': '48213',
      '@_title': picture.alt,
      itemClass: { '@_qcode': 'ninat:picture' },
      description: { '@_role': 'drol:caption', '#text': 'The forum opened on Monday.' },
      creditline: 'Photo by Li Ming / Xinhua',
      rightsInfo: { copyrightNotice: '© Xinhua 2025' },
    });
  });

  it('links a remote picture by its URL as an RFC 3986 URI, and carries no link without a picture', () => {
    const remote = { url: 'https://img.example.org/a b.jpg?x=1&y=2', alt: 'A harbour', srcset: [], crops: [] };
    const link = newsItem({ ...seed, image: { ...remote, credit: 'AFP' } }).itemMeta.link;
    expect(link['@_href']).toBe('https://img.example.org/a%20b.jpg?x=1&y=2');
    expect(link['@_contenttype']).toBeUndefined();
    expect(link.creditline).toBe('AFP');
    expect(newsItem(seed).itemMeta.link).toBeUndefined();
  });
});

describe('renderNewsmlItem: the body', () => {
  it('carries the body as XHTML in inlineXML and exactly as written in inlineData', () => {
    const { inlineXML, inlineData } = newsItem(seed).contentSet;
    expect(inlineXML['@_contenttype']).toBe('application/xhtml+xml');
    expect(inlineXML.html['@_xmlns']).toBe('http://www.w3.org/1999/xhtml');
    expect(inlineXML.html.head.title).toBe(seed.title);
    expect(inlineXML.html.body.p).toBe(seed.bodyText);
    expect(inlineData).toMatchObject({
      '@_contenttype': 'text/plain',
      '@_charcount': String([...seed.bodyText].length),
      '#text': seed.bodyText,
    });
  });

  it('keeps the elements of sanitized markup, closed, and leaves pre text unindented', () => {
    const xml = renderNewsmlItem(site, { ...bareArticle(), bodyHtml: '<p>a <b>b</b><br>c</p>\n<pre>x\n  y</pre>' });
    expect(xml).toContain('<body>\n<p>a <b>b</b><br/>c</p>\n<pre>x\n  y</pre>\n</body>');
  });

  it('resolves relative links and pictures of the body, as the feeds do, for a partner showing it elsewhere', () => {
    const xml = renderNewsmlItem(site, {
      ...bareArticle(),
      bodyHtml: '<p><a href="other-article">next</a> <img src="/media/a.png" alt=""> <a href="#notes">n</a></p>',
    });
    expect(xml).toContain(
      '<p><a href="https://news.example.com/articles/other-article">next</a> <img src="https://news.example.com/media/a.png" alt=""/> <a href="https://news.example.com/articles/bare#notes">n</a></p>',
    );
  });
});

describe('renderNewsmlItem: hostile copy stays text', () => {
  /** Every element the renderer writes for a body of paragraphs; copy may add none (no script, b, img, a …). */
  const written = new Set(
    ['?xml', 'newsItem', 'catalogRef', 'catalog', 'scheme', 'rightsInfo', 'copyrightHolder', 'name', 'copyrightNotice']
      .concat(['usageTerms', 'itemMeta', 'itemClass', 'provider', 'versionCreated', 'firstCreated', 'pubStatus'])
      .concat(['contentMeta', 'infoSource', 'contributor', 'language', 'subject', 'slugline', 'headline'])
      .concat(['description', 'contentSet', 'inlineXML', 'html', 'head', 'title', 'body', 'p', 'inlineData']),
  );
  const foreignElements = (xml: string) => elementNames(parseXml(xml)).filter((name) => !written.has(name));

  it('keeps markup, CDATA ends, ampersands and control characters in every field as text', () => {
    const hostile = hostileFeedArticle();
    const xml = renderNewsmlItem(site, hostile);
    const item = parseXml(xml).newsItem;
    expect(item.contentMeta.headline).toBe(asXmlText(hostileText));
    expect(item.contentMeta.description['#text']).toBe(asXmlText(hostileText));
    expect(item.rightsInfo.copyrightNotice).toBe('Rights ]]> & <reserved>');
    expect(all(item.contentMeta.contributor).map((c) => c.name)).toEqual(['Tom & Jerry <ed>', '责任编辑 李念']);
    expect(item.contentMeta.infoSource['@_uri']).toBe('https://source.example.org/?a=1&b=%3C2%3E');
    expect(all(item.contentMeta.subject).map((s) => s.name)).toEqual(['a&b', '<tag>', ']]>']);
    expect(item.contentSet.inlineXML.html.body.p).toEqual([
      asXmlText(hostileText),
      'Second paragraph ]]> & <b>bold</b>',
    ]);
    expect(item.contentSet.inlineData['#text']).toBe(asXmlText(hostile.bodyText));
    expect(foreignElements(xml)).toEqual([]);
  });

  it('turns the hostile wire copy (scripts, CDATA, C0 controls, a javascript: link) into text, never elements', () => {
    const file = new URL('../../fixtures/validators/articles/hostile-wire.txt', import.meta.url);
    const result = parseWireCopy('articles/hostile-wire.txt', readFileSync(file, 'utf8'), site);
    if (!result.ok || !('article' in result)) throw new Error('hostile-wire.txt does not parse');
    const xml = renderNewsmlItem(site, result.article);
    const item = parseXml(xml).newsItem;
    const paragraphs: string[] = all(item.contentSet.inlineXML.html.body.p);
    expect(paragraphs[0]).toBe(
      'Body <script>alert(1)</script> & AT&T ]]> and again ]]> "quoted" \'single\' &amp; &lt;b&gt;',
    );
    // The wire-copy parser already made its control characters spaces; the hostile article above keeps them.
    expect(paragraphs[1]).toBe('Controls: [ ][ ][ ][ ] noncharacter [ ] emoji 😀👍🏽 flag 🇨🇳.');
    expect(paragraphs[3]).toBe(
      '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">click</a> <!-- comment --> <![CDATA[ x ]]>',
    );
    expect(foreignElements(xml)).toEqual([]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no C0 control may reach the document.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|<!\[CDATA\[|<script|<img|<a /);
  });
});
