/** Serves a rendered response from the edge cache (Cache API), or stores it there on a miss. */

/**
 * The key carries the content version, so a deploy with changed content never
 * reads bytes cached by the previous one. Only the normalized route key is
 * used: `?utm_source=…` and other ignored parameters do not fragment the cache.
 * The Cache API is a no-op on `*.workers.dev`; it works on a custom domain.
 */
export function edgeCacheKey(origin: string, routeKey: string, version: string): string {
  return `${origin}${routeKey}${routeKey.includes('?') ? '&' : '?'}__v=${version}`;
}

/** `X-Cache: HIT` marks a response served without rendering; the stored copy carries it already. */
export async function withEdgeCache(
  key: string,
  waitUntil: (promise: Promise<unknown>) => void,
  render: () => Response,
): Promise<Response> {
  const cache = typeof caches === 'undefined' ? undefined : caches.default;
  if (!cache) return render();
  const hit = await cache.match(key);
  if (hit) return hit;
  const response = render();
  const stored = new Response(response.clone().body, response);
  stored.headers.set('X-Cache', 'HIT');
  response.headers.set('X-Cache', 'MISS');
  waitUntil(cache.put(key, stored));
  return response;
}
