/** What the Worker accepts from stored pieces before serving them: the metadata of an article's piece and of a list entry. */

/**
 * An article piece's metadata: slug, every header it is sent with, and its status when not 200 (410 for a
 * retracted article); the piece's text is the body.
 */
export type PackedArticle = readonly [slug: string, headers: Readonly<Record<string, string>>, status?: number];

/** Headers an article's 200 cannot go out without. */
const requiredHeaders = ['Content-Type', 'ETag', 'Cache-Control'] as const;

/** `[slug, headers]` or `[slug, headers, status]`, every header a string, the required ones present. */
export function isPackedArticle(meta: unknown): meta is PackedArticle {
  if (!Array.isArray(meta) || meta.length < 2 || meta.length > 3 || typeof meta[0] !== 'string') return false;
  if (meta.length === 3 && !(Number.isInteger(meta[2]) && meta[2] >= 200 && meta[2] <= 599)) return false;
  const headers: unknown = meta[1];
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return false;
  for (const value of Object.values(headers)) if (typeof value !== 'string') return false;
  return requiredHeaders.every((name) => typeof (headers as Record<string, unknown>)[name] === 'string');
}

/** A list entry (a feed item, an index entry, a sitemap) carries no metadata: `0`. */
export function isListEntry(meta: unknown): meta is 0 {
  return meta === 0;
}
