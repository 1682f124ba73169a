/** Resolves every relative href, src and srcset in sanitized HTML to an absolute URL, for feed content. */

/** Where relative references in one article's content are resolved. */
export interface UrlContext {
  /** The article's own URL: the base of `other-article`, `pic.png`, `#notes` (RFC 3986 §5.2). */
  readonly pageUrl: string;
  /** The site's base URL (no trailing slash): root-relative `/media/x.jpg` is below it, even when it has a path. */
  readonly baseUrl: string;
}

// Only inside tags: text that happens to read `href="…"` is the article's words, not an attribute.
const tagPattern = /<[a-zA-Z][^>]*>/g;
// sanitize-html writes every attribute double-quoted, with `"`, `&`, `<` and `>` escaped.
const attributePattern = /(\s(href|src|srcset)=")([^"]*)"/gi;
const scheme = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Feed readers show content away from the page (and many ignore `xml:base`), so the W3C feed
 * validator warns on "relative URL references" in content:encoded and Atom content: each is
 * resolved here at build time. Absolute URLs are kept exactly as written; a value that cannot be
 * resolved is left as it was (the sanitizer already removed every unsafe scheme).
 */
export function absoluteContentUrls(html: string, context: UrlContext): string {
  if (!/\s(?:href|src|srcset)="/i.test(html)) return html;
  return html.replace(tagPattern, (tag) =>
    tag.replace(attributePattern, (_match, start: string, name: string, value: string) => {
      const text = decodeAttribute(value);
      const resolved = name.toLowerCase() === 'srcset' ? resolveSrcset(text, context) : resolveUrl(text, context);
      return `${start}${resolved === text ? value : escapeAttribute(resolved)}"`;
    }),
  );
}

/** One URL reference resolved against the article's URL (root-relative: against the base URL). */
export function resolveUrl(reference: string, { pageUrl, baseUrl }: UrlContext): string {
  const trimmed = reference.trim();
  if (trimmed === '' || scheme.test(trimmed)) return reference;
  try {
    if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return new URL(`${baseUrl}${trimmed}`).href;
    return new URL(trimmed, pageUrl).href;
  } catch {
    return reference;
  }
}

/** HTML `srcset`: comma-separated candidates, each a URL and optional descriptors (`pic-2x.jpg 2x`). */
function resolveSrcset(srcset: string, context: UrlContext): string {
  const candidates: string[] = [];
  // HTML "parse a srcset attribute": a URL is a run of non-space characters; commas ending it separate candidates.
  for (const match of srcset.matchAll(/[\s,]*([^\s,][^\s]*?)(,+(?=\s|$)|\s+([^,]*)(?:,|$)|$)/g)) {
    const url = match[1] ?? '';
    const descriptor = (match[3] ?? '').trim();
    if (url === '') continue;
    const resolved = resolveUrl(url, context);
    candidates.push(descriptor === '' ? resolved : `${resolved} ${descriptor}`);
  }
  return candidates.length === 0 ? srcset : candidates.join(', ');
}

const namedReferences: Readonly<Record<string, string>> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };

function decodeAttribute(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi,
    (reference, hex?: string, decimal?: string, name?: string) => {
      if (name !== undefined) return namedReferences[name.toLowerCase()] ?? reference;
      const code = Number.parseInt(hex ?? decimal ?? '', hex !== undefined ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : reference;
    },
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
