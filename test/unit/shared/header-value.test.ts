import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHeaderValue, encodeHeaderValue, replaceControlCharacters } from '../../../src/shared/header-value.ts';

/** Any UTF-16 text: every code point, plus lone surrogates. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
    fc.constantFrom('\r', '\n', '\r\n', '\0', '\t', ' ', "UTF-8''", '%', '\u0085', '\u2028', '\u{1F600}'),
  ),
});

/** Well-formed text (no lone surrogates), which must round-trip exactly. */
const wellFormedText = fc.string({
  unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constantFrom("UTF-8''", ' ', '%')),
});

describe('encodeHeaderValue', () => {
  it('sends a printable ASCII value as is', () => {
    expect(encodeHeaderValue('Yi Yi')).toBe('Yi Yi');
  });

  it('sends an empty value as is', () => {
    expect(encodeHeaderValue('')).toBe('');
  });

  it('sends a Chinese value as an RFC 8187 ext-value of its UTF-8 bytes', () => {
    expect(encodeHeaderValue('责任编辑 李念')).toBe("UTF-8''%E8%B4%A3%E4%BB%BB%E7%BC%96%E8%BE%91%20%E6%9D%8E%E5%BF%B5");
  });

  it('keeps RFC 8187 attr-chars literal and percent-encodes everything else', () => {
    expect(encodeHeaderValue('é!#$&+-.^_`|~09AZaz %\'*()<>"')).toBe(
      "UTF-8''%C3%A9!#$&+-.^_`|~09AZaz%20%25%27%2A%28%29%3C%3E%22",
    );
  });

  it('replaces CR LF with one space each so no header line can be injected', () => {
    expect(encodeHeaderValue('Li Nian\r\nSet-Cookie: a=b')).toBe('Li Nian  Set-Cookie: a=b');
  });

  it('replaces NUL, TAB, DEL and the C1 control NEL with a space', () => {
    expect(encodeHeaderValue('a\0b\tc\u007fd\u0085e')).toBe('a b c d e');
  });

  it('encodes a value with a leading or trailing space so header parsers cannot strip it', () => {
    expect(encodeHeaderValue(' Yi Yi')).toBe("UTF-8''%20Yi%20Yi");
    expect(encodeHeaderValue('Yi Yi ')).toBe("UTF-8''Yi%20Yi%20");
  });

  it('encodes a value that ends in a control character, which would otherwise become a trailing space', () => {
    expect(encodeHeaderValue('Li Nian\n')).toBe("UTF-8''Li%20Nian%20");
  });

  it('encodes a plain value that starts like an ext-value, so decoding gives it back', () => {
    expect(encodeHeaderValue("UTF-8''abc")).toBe("UTF-8''UTF-8%27%27abc");
    expect(encodeHeaderValue("iso-8859-1'en'abc")).toBe("UTF-8''iso-8859-1%27en%27abc");
  });

  it('sends a plain value with an apostrophe that is not ext-value shaped as is', () => {
    expect(encodeHeaderValue("Xinhua's desk")).toBe("Xinhua's desk");
  });

  it('sends a lone surrogate as U+FFFD', () => {
    expect(encodeHeaderValue('a\ud800')).toBe("UTF-8''a%EF%BF%BD");
  });
});

describe('decodeHeaderValue', () => {
  it('returns a plain value unchanged', () => {
    expect(decodeHeaderValue('www.news.cn')).toBe('www.news.cn');
  });

  it('decodes an ext-value with a language tag and a lower-case charset', () => {
    expect(decodeHeaderValue("utf-8'zh'%E6%9D%8E%E5%BF%B5")).toBe('李念');
  });

  it('returns an ext-value with a broken percent escape unchanged', () => {
    expect(decodeHeaderValue("UTF-8''%E6%9D%")).toBe("UTF-8''%E6%9D%");
  });

  it('returns an ext-value whose bytes are not UTF-8 unchanged', () => {
    expect(decodeHeaderValue("UTF-8''%FF")).toBe("UTF-8''%FF");
  });

  it('keeps a leading byte order mark', () => {
    expect(decodeHeaderValue(encodeHeaderValue('\ufeffa'))).toBe('\ufeffa');
  });
});

describe('header value properties', () => {
  it('round-trips any well-formed text exactly, after the control-character rule', () => {
    fc.assert(
      fc.property(wellFormedText, (text) => {
        expect(decodeHeaderValue(encodeHeaderValue(text))).toBe(replaceControlCharacters(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips any text with lone surrogates replaced by U+FFFD', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const expected = new TextDecoder().decode(new TextEncoder().encode(replaceControlCharacters(text)));
        expect(decodeHeaderValue(encodeHeaderValue(text))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('always produces printable ASCII with no space at either end', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(encodeHeaderValue(text)).toMatch(/^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives values that Headers accepts and returns unchanged, as one header', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const value = encodeHeaderValue(text);
        const headers = new Headers();
        headers.set('X-Editor', value);
        expect(headers.get('X-Editor')).toBe(value);
        expect([...headers.keys()]).toEqual(['x-editor']);
      }),
      { numRuns: 2000 },
    );
  });

  it('sends a printable ASCII value without edge spaces as is', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => {
        fc.pre(text === text.trim() && !/^[A-Za-z0-9!#$%&+\-^_`{}~]+'[A-Za-z0-9-]*'/.test(text));
        expect(encodeHeaderValue(text)).toBe(text);
      }),
    );
  });
});
