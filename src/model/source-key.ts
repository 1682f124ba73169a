/** Source keys: the stable section of an article's source (its host, or its name when it has no URL). */
import type { ArticleSource } from './article.ts';
import { tagKey, tagProblem } from './tag-key.ts';

/**
 * A source with a URL is keyed by the URL's host, lowercased (WHATWG URL already gives punycode):
 * `www.news.cn`, `https://www.news.cn/`, `https://www.news.cn/2025/a.html` and `Xinhua (www.news.cn)`
 * are one section, whatever the copy called the agency. The path is left out on purpose: agencies
 * link the article, not a stable "source page". A name-only source (`Xinhua`, `Reuters/AFP`) is keyed
 * by its name through the tag rules (NFC, lowercased) with `/` and `\` turned into `-`, since an encoded
 * slash is never a path segment; a name that still cannot be one is keyed `source-<hash of the name>`.
 */
export function sourceKey(source: ArticleSource): string {
  if (source.url !== undefined) {
    try {
      return new URL(source.url).hostname.toLowerCase();
    } catch {
      // readSource only keeps parsable URLs; fall through to the name for anything else.
    }
  }
  const key = tagKey(source.name.replace(/[/\\]+/g, '-'));
  return tagProblem(key) === undefined ? key : `source-${keyHash(source.name)}`;
}

/** The URL a source section links: the host's home page (`https://www.news.cn/`), or none for a name. */
export function sourceHome(source: ArticleSource): string | undefined {
  if (source.url === undefined) return undefined;
  try {
    return `${new URL(source.url).origin}/`;
  } catch {
    return undefined;
  }
}

/**
 * 64 bits as 16 hex digits, from two FNV-1a (32 bit) passes with different offsets over the UTF-16 code
 * units: stable across runtimes, and what names a section's stored files (keys are any script, any length).
 */
export function keyHash(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let index = 0; index < key.length; index++) {
    const unit = key.charCodeAt(index);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
