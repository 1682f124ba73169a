import { describe, expect, it } from 'vitest';
import { element, escapeXml } from '../../../src/render/xml.ts';
import { parseXml } from '../../support/xml.ts';

describe('escapeXml', () => {
  it('escapes the four markup characters and leaves the apostrophe literal (attributes are double-quoted)', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(`&lt;a href=&quot;x&quot;&gt;Tom &amp; 'Jerry'&lt;/a&gt;`);
  });

  it('leaves a CDATA terminator harmless, however often it occurs', () => {
    expect(escapeXml(']]> and ]]>')).toBe(']]&gt; and ]]&gt;');
  });

  it('replaces C0 control characters XML 1.0 cannot carry with U+FFFD', () => {
    expect(escapeXml('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Bg\u001Fh')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh',
    );
  });

  it('keeps tab and line feed, and writes carriage return as a reference so parsers keep it', () => {
    expect(escapeXml('a\tb\nc\rd')).toBe('a\tb\nc&#xD;d');
  });

  it('replaces U+FFFE, U+FFFF and lone surrogates but keeps surrogate pairs', () => {
    expect(escapeXml('\uFFFE\uFFFF\uD800x\uDC00 \u{1F600}')).toBe('\uFFFD\uFFFD\uFFFDx\uFFFD \u{1F600}');
  });

  it('keeps Chinese text as it is', () => {
    expect(escapeXml('责任编辑 李念')).toBe('责任编辑 李念');
  });
});

describe('element', () => {
  it('escapes text and attribute values and leaves out undefined attributes', () => {
    expect(element('source', { url: 'https://x.test/?a=1&b=2', title: undefined }, 'A & B')).toBe(
      '<source url="https://x.test/?a=1&amp;b=2">A &amp; B</source>',
    );
  });

  it('closes an element without text itself', () => {
    expect(element('link', { rel: 'self', href: 'https://x.test/' })).toBe('<link rel="self" href="https://x.test/"/>');
  });

  it('gives back the exact text through an XML parser', () => {
    const text = `<script>"q" 'a' & ]]> \r 责任编辑`;
    expect(parseXml(element('t', { a: text }, text)).t).toEqual({ '#text': text, '@_a': text });
  });
});
