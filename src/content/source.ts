/** Article sources: a host name (`www.news.cn`) or an absolute http(s) URL, to a name and a URL. */
import type { ArticleSource } from '../article.ts';

/** Result of reading a source: the source, or why the text is not one. */
export type SourceReading =
  | { readonly ok: true; readonly source: ArticleSource }
  | { readonly ok: false; readonly reason: string };

/** One DNS label after IDNA (punycode) conversion, RFC 1123 §2.1. */
const dnsLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Reads a source as wire copy and front matter write it. SPEC: "a host name as source means
 * `https://<host>/` as its URL"; a full URL keeps its path and its name is its host.
 * URLs are kept in WHATWG-serialized form (ASCII only: punycode host, percent-encoded path),
 * so they are safe in headers, XML and HTML attributes.
 */
export function readSource(text: string): SourceReading {
  const value = text.trim();
  if (value === '') return { ok: false, reason: 'the source is empty' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[^:/]+:\d+$/.test(value)) return readSourceUrl(value);
  const url = hostUrl(value);
  if (!url) {
    return {
      ok: false,
      reason: `source "${value}" is neither a host name (such as www.news.cn) nor an absolute http(s) URL (such as https://www.news.cn/)`,
    };
  }
  return { ok: true, source: { name: value.toLowerCase(), url: url.href } };
}

/** An absolute http(s) URL without credentials, serialized; undefined for anything else. */
export function absoluteHttpUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  if (!isHostName(url.hostname)) return undefined;
  return url;
}

/** Reads a `{ name, url }` source from front matter. */
export function sourceFromParts(name: string | undefined, urlText: string): SourceReading {
  const url = absoluteHttpUrl(urlText);
  if (!url) return { ok: false, reason: `source url "${urlText.trim()}" is not an absolute http(s) URL` };
  const trimmedName = name?.trim();
  return { ok: true, source: { name: trimmedName ? trimmedName : url.hostname, url: url.href } };
}

function readSourceUrl(value: string): SourceReading {
  const url = absoluteHttpUrl(value);
  if (!url || /\s/.test(value)) {
    return { ok: false, reason: `source "${value}" is not an absolute http(s) URL with a valid host name` };
  }
  return { ok: true, source: { name: url.hostname, url: url.href } };
}

/** `https://<host>/` for a bare host name (optionally with a port), else undefined. */
function hostUrl(value: string): URL | undefined {
  if (/[\s/?#@\\]/.test(value)) return undefined;
  try {
    const url = new URL(`https://${value}/`);
    return isHostName(url.hostname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A host a reader's browser can reach: dotted DNS labels (after IDNA) or an IPv4 address; `localhost` too. */
function isHostName(hostname: string): boolean {
  if (hostname === 'localhost' || ipv4.test(hostname)) return true;
  const labels = hostname.split('.');
  if (labels.length < 2 || hostname.length > 253) return false;
  const topLevel = labels[labels.length - 1] ?? '';
  return labels.every((label) => dnsLabel.test(label)) && !/^\d+$/.test(topLevel);
}
