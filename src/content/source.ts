/** Article sources: a host name (`www.news.cn`) or an absolute http(s) URL, to a name and a URL. */
import type { ArticleSource } from '../model/article.ts';

/**
 * Result of reading a source: the source (with a warning when it is credited by name only), or,
 * for an empty value only, why there is none.
 */
export type SourceReading =
  | { readonly ok: true; readonly source: ArticleSource; readonly warning?: string }
  | { readonly ok: false; readonly reason: string };

/** One DNS label after IDNA (punycode) conversion, RFC 1123 §2.1. */
const dnsLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const ipv4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const maxSourceLength = 2048;
/** How much of an over-long source is kept as its name. */
const maxNameLength = 200;

/**
 * Reads a source as wire copy and front matter write it. A host name as source means
 * `https://<host>/` as its URL (docs/content.md "Wire copy (`.txt`)"); a full URL keeps its path and its name is its host. Agencies also
 * write a name with the address: `新华网 www.news.cn`, `Xinhua (https://english.news.cn/…)`, and
 * the name is then kept as written. A closing full stop (`www.news.cn。`) is not part of it.
 * Anything else is someone else's wording, never a reason to stop the build (docs/content.md "Sidecar for wire copy": agency
 * copy is credited, never refused for its wording): `Xinhua`, `Reuters/AFP`, `来源：新华社/人民网`,
 * `AP (via Yahoo News)`, `javascript:alert(1)`, `ftp://…`, a malformed host: the text is credited
 * as a name, with no link, and the reading carries a warning for the build to print. A source
 * over 2,048 characters is credited by its first 200. URLs are kept in WHATWG-serialized form
 * (ASCII only: punycode host, percent-encoded path), so they are safe in headers, XML and HTML attributes.
 */
export function readSource(text: string): SourceReading {
  const value = text.trim().replace(/[\s。，、；,;]+$/u, '');
  if (value === '') return { ok: false, reason: 'the source is empty' };
  // Bounds the pattern work below, whatever a hostile file holds; browsers cap URLs near this too.
  if (value.length > maxSourceLength) {
    const name = `${Array.from(value).slice(0, maxNameLength).join('').trimEnd()}…`;
    return {
      ok: true,
      source: { name },
      warning: `source is ${value.length} characters long, not a URL; credited by name, cut to its first ${maxNameLength} characters`,
    };
  }
  // `新华网www.news.cn` is a name and a host, not one internationalized host name.
  const glued = /^[^\p{ASCII}]+[a-z]/iu.test(value) ? readNameAndAddress(value) : undefined;
  if (glued) return glued;
  const address = readAddress(value);
  if (address?.ok) return address;
  const named = readNameAndAddress(value);
  if (named) return named;
  // Named without a usable address (`Source: Xinhua`, `Reuters/AFP`, `javascript:alert(1)`): credited
  // by name, never given an invented link; the publisher is told, as the trailer asks for a host or URL (docs/content.md "Wire copy (`.txt`)").
  return { ok: true, source: { name: value }, warning: `source "${value}" is not a URL; credited by name` };
}

/** A host name, `host/path` or URL: the source it means, its problem when it is a bad URL, else undefined. */
function readAddress(value: string): SourceReading | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[^:/]+:\d+(?:\/|$)/.test(value)) {
    // `Xinhua: https://…` is a name and a URL, not a URL with the scheme "Xinhua".
    return /\s/.test(value) ? undefined : readSourceUrl(value);
  }
  const host = value.replace(/\.$/, '');
  const url = hostUrl(host);
  if (url) return { ok: true, source: { name: host.toLowerCase(), url: url.href } };
  // `www.news.cn/2025/abc.html`: a URL written without its scheme.
  const slash = value.indexOf('/');
  if (slash > 0 && !/\s/.test(value) && hostUrl(value.slice(0, slash))) return readSourceUrl(`https://${value}`);
  return undefined;
}

/** Name and address as agencies pair them: `Name (address)`, `address (Name)`, `Name address`, `新华网www.news.cn`. */
const namePatterns: readonly { readonly pattern: RegExp; readonly name: number; readonly address: number }[] = [
  { pattern: /^(.+?)\s*[(（[【［]\s*([^\s()（）]+)\s*[)）\]】］]$/u, name: 1, address: 2 },
  { pattern: /^(\S+)\s*[(（]\s*(.+?)\s*[)）]$/u, name: 2, address: 1 },
  { pattern: /^(.+)\s(\S+)$/u, name: 1, address: 2 },
  { pattern: /^(.*[^\p{ASCII}])([a-z0-9][a-z0-9.-]*\.[a-z]{2,}(?:[:/]\S*)?)$/iu, name: 1, address: 2 },
];

/** The name as written and the address's URL, when the value pairs a name with an address. */
function readNameAndAddress(value: string): SourceReading | undefined {
  for (const { pattern, name: nameGroup, address: addressGroup } of namePatterns) {
    const match = pattern.exec(value);
    if (!match) continue;
    const name = (match[nameGroup] ?? '').replace(/[\s\-–—|:：,，、]+$/u, '').trim();
    if (name === '' || name.includes('://')) continue;
    const address = readAddress((match[addressGroup] ?? '').trim());
    if (address?.ok && address.source.url !== undefined) return { ok: true, source: { name, url: address.source.url } };
  }
  return undefined;
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
    // The URL parser reads `1` or `0x7f.1` as IPv4 addresses (0.0.0.1, 127.0.0.1): only a written dotted quad is one.
    if (ipv4.test(url.hostname) && !ipv4.test(value.replace(/:\d+$/, ''))) return undefined;
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
