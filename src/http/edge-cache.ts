/** The edge cache (Cache API): keys that carry the content version, and lookups that never fail a request. */

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

/** A lookup that never fails the request: an unavailable cache is a miss. */
export async function edgeCacheMatch(cache: Cache | undefined, key: string): Promise<Response | undefined> {
  try {
    return await cache?.match(key);
  } catch {
    return undefined;
  }
}
