/** The edge cache (Cache API): keys that carry the content version, and the store-on-miss step. */

/**
 * The key carries the content version, so a deploy with changed content never reads bytes cached by
 * the previous one. Only the normalized route key is used: `?utm_source=…` and other ignored
 * parameters do not fragment the cache. The Cache API is a no-op on `*.workers.dev`; it works on a
 * custom domain.
 */
export function edgeCacheKey(origin: string, routeKey: string, version: string): string {
  return `${origin}${routeKey}${routeKey.includes('?') ? '&' : '?'}__v=${version}`;
}

/** `caches.default` where the runtime has it (workerd), else undefined (plain Node in browser tests). */
export function edgeCache(): Cache | undefined {
  return typeof caches === 'undefined' ? undefined : caches.default;
}

/**
 * Stores a copy marked `X-Cache: HIT` and returns the original marked `MISS`: a later hit is served
 * as stored, with no header rewriting on the hot path.
 */
export function storeInEdgeCache(
  cache: Cache,
  key: string,
  response: Response,
  waitUntil: (promise: Promise<unknown>) => void,
): Response {
  const stored = new Response(response.clone().body, response);
  stored.headers.set('X-Cache', 'HIT');
  response.headers.set('X-Cache', 'MISS');
  waitUntil(cache.put(key, stored));
  return response;
}
