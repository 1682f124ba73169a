/** Adds an alternate representation to a response's `Link` header, next to the links it already has. */
import { linkTarget } from './attribution-headers.ts';

/**
 * RFC 8288 §3: several links travel in one `Link` header, comma-separated, so the article's
 * `<canonical>; rel="canonical"` and its `<ninjs>; rel="alternate"; type="application/json"` stay one header
 * (Headers would join two anyway; one string keeps the stored bytes and the 304 identical).
 */
export function withAlternateLink(
  headers: Readonly<Record<string, string>>,
  url: string,
  type: string,
): Record<string, string> {
  const alternate = `<${linkTarget(url)}>; rel="alternate"; type="${type}"`;
  return { ...headers, Link: headers.Link === undefined ? alternate : `${headers.Link}, ${alternate}` };
}
