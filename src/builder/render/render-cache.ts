/** The build's render cache, as buildSite sees it: stored files looked up by path and by the content hashes of their articles. */
import type { Article } from '../../model/article.ts';
import type { TextEtag } from '../archive/codec.ts';

/**
 * A file is identified by its path and an identity string (the content hashes of the articles it is made of,
 * in order); the cache itself adds the site config and the code version to the key (disk-render-cache.ts),
 * so the same identity under another site.yaml or other code is another entry.
 */
export interface RenderCache {
  /** Whether an intact file for (path, identity) is cached; a damaged one is dropped and reported as absent. */
  has(path: string, identity: string): boolean;
  /** Puts the cached file at `path` in this build; only after `has` said yes. */
  place(path: string, identity: string): Promise<void>;
  /** Records that this build wrote `path` for `identity`, to be kept for the next build. */
  keep(path: string, identity: string): void;
}

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

/** The content hash of each article: its whole parsed form, which is all a renderer reads of it. */
export async function articleHashes(articles: readonly Article[], etag: TextEtag): Promise<Map<Article, string>> {
  const hashes = new Map<Article, string>();
  for (const article of articles) hashes.set(article, remembered.get(article) ?? (await etag(JSON.stringify(article))));
  return hashes;
}

/** The identity of a file made of `members`, in their order. */
export function membersIdentity(hashes: ReadonlyMap<Article, string>, members: readonly Article[]): string {
  return members.map((article) => hashes.get(article) ?? '').join(' ');
}
