/** Articles' content hashes (the hash of their parsed form): what an article's identity in the archive is made of. */
import type { Article } from '../../model/article.ts';
import type { TextEtag } from '../archive/codec.ts';
import { newestDiff } from '../archive/newest-diff.ts';

/** Hashes taken when an article was parsed (body-spill.ts), so its bodies need not be read back to hash it. */
const remembered = new WeakMap<Article, string>();

/** Records `hash` as the content hash of `article` (the hash of its JSON, as articleHashes would take it). */
export function rememberArticleHash(article: Article, hash: string): void {
  remembered.set(article, hash);
}

/** The hash recorded for `article`, if any. */
export function rememberedArticleHash(article: Article): string | undefined {
  return remembered.get(article);
}

/**
 * Makes sure every article has its content hash (its whole parsed form, which is all a renderer reads of it)
 * remembered: the parse cache remembers one for each article it gives, so only an article made otherwise is hashed.
 */
export async function rememberArticleHashes(articles: readonly Article[], etag: TextEtag): Promise<void> {
  // Only the articles not in the last call's list (a --watch save's few) are looked at; the others have theirs.
  const { added } = newestDiff(lastChecked, articles);
  for (const article of added)
    if (!remembered.has(article)) remembered.set(article, await etag(JSON.stringify(article)));
  lastChecked = articles;
}

/** The articles the last call made sure of (newest-diff.ts pairs the same objects; any order is right, only slower). */
let lastChecked: readonly Article[] = [];
