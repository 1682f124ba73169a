/** The attribution response headers of an article page: canonical Link, source, editors, copyright. */
import type { Article } from '../../model/article.ts';
import { encodeHeaderValue } from '../../shared/header-value.ts';
import { boundedHeaderValues } from './header-cap.ts';

/**
 * docs/metadata.md: `Link: <url>; rel="canonical"` always (RFC 8288), then `X-Source`,
 * `X-Source-URL`, `X-Editor`, `X-Responsible-Editor`, `X-Copyright`, each only when the article has
 * that field, each value through `encodeHeaderValue`, the text values bounded (header-cap.ts). Same order every
 * time, so the bytes are stable.
 */
export function attributionHeaders(article: Article, canonicalUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    Link: encodeHeaderValue(`<${linkTarget(canonicalUrl)}>; rel="canonical"`),
  };
  // The source URL is never cut (a cut URL points elsewhere; article-bounds.ts bounds it at build time): it
  // is sent whole and counted first against the budget the text values share (header-cap.ts).
  const sourceUrl = article.source?.url === undefined ? undefined : encodeHeaderValue(article.source.url);
  const texts: Record<string, string | undefined> = {
    'X-Source': article.source?.name,
    'X-Editor': article.editor,
    'X-Responsible-Editor': article.responsibleEditor,
    'X-Copyright': article.copyright,
  };
  const bounded = boundedHeaderValues(texts, sourceUrl?.length ?? 0);
  const fields: [string, string | undefined][] = [
    ['X-Source', bounded['X-Source']],
    ['X-Source-URL', sourceUrl],
    ['X-Editor', bounded['X-Editor']],
    ['X-Responsible-Editor', bounded['X-Responsible-Editor']],
    ['X-Copyright', bounded['X-Copyright']],
  ];
  for (const [name, value] of fields) if (value !== undefined) headers[name] = value;
  return headers;
}

/**
 * A URL that is safe inside `<...>` (RFC 8288 §3: `"<" URI-Reference ">"`): the WHATWG-serialized form
 * when it parses, with every byte outside visible ASCII, `<` and `>` percent-encoded as UTF-8.
 * A string that does not parse as a URL is percent-encoded the same way rather than dropped.
 */
export function linkTarget(url: string): string {
  let href = url;
  try {
    href = new URL(url).href;
  } catch {
    // Not an absolute URL: keep the text, made safe below.
  }
  let safe = '';
  for (const character of href) {
    safe +=
      /^[\x21-\x7e]$/.test(character) && character !== '<' && character !== '>'
        ? character
        : percentEncodeUtf8(character);
  }
  return safe;
}

function percentEncodeUtf8(character: string): string {
  let encoded = '';
  for (const byte of new TextEncoder().encode(character)) {
    encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
