/** The attribution response headers of an article page: canonical Link, source, editors, copyright. */
import type { Article } from '../../model/article.ts';
import { encodeHeaderValue } from '../../shared/header-value.ts';
import { cappedHeaderValue } from './header-cap.ts';

/**
 * README "Metadata in every format": `Link: <url>; rel="canonical"` always (RFC 8288), then `X-Source`,
 * `X-Source-URL`, `X-Editor`, `X-Responsible-Editor`, `X-Copyright`, each only when the article has
 * that field, each value through `encodeHeaderValue`. Same order every time, so the bytes are stable.
 */
export function attributionHeaders(article: Article, canonicalUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    Link: encodeHeaderValue(`<${linkTarget(canonicalUrl)}>; rel="canonical"`),
  };
  const fields: [string, string | undefined][] = [
    ['X-Source', article.source?.name],
    ['X-Source-URL', article.source?.url],
    ['X-Editor', article.editor],
    ['X-Responsible-Editor', article.responsibleEditor],
    ['X-Copyright', article.copyright],
  ];
  // Text values are capped with an ellipsis (header-cap.ts); URLs are bounded at build time (article-bounds.ts).
  for (const [name, value] of fields) {
    if (value !== undefined)
      headers[name] = name === 'X-Source-URL' ? encodeHeaderValue(value) : cappedHeaderValue(value);
  }
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
