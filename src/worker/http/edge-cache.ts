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

/** A cached response as `serve` uses it: the body's bytes and the headers to send again. */
export interface EdgeHit {
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

/** Set by the cache or the runtime for one response; replaying them from memory would lie (RFC 9111 §5.1). */
const perResponseHeaders = new Set(['date', 'age', 'cf-cache-status', 'content-length']);

/**
 * A lookup that never fails the request (sync throws included): an unavailable cache, or an entry that is
 * not a 200 with our `ETag`, `Content-Type` and `X-Cache` and a readable body, is a miss.
 */
export async function edgeCacheMatch(cache: Cache | undefined, key: string): Promise<EdgeHit | undefined> {
  try {
    const hit = await cache?.match(key);
    if (hit?.status !== 200) return undefined;
    const headers: Record<string, string> = {};
    for (const [name, value] of hit.headers) if (!perResponseHeaders.has(name)) headers[name] = value;
    if (!headers.etag || !headers['content-type'] || headers['x-cache'] !== 'HIT') return undefined;
    return { body: new Uint8Array(await hit.arrayBuffer()), headers };
  } catch {
    return undefined;
  }
}

/** Stores a response in the background; a put that throws, at once or later, is logged and forgotten. */
export function edgeCachePut(
  cache: Cache | undefined,
  key: string,
  response: Response,
  waitUntil: (promise: Promise<unknown>) => void,
): void {
  if (!cache) return;
  const failed = (error: unknown) => console.error('wirefeed: edge cache put failed', error);
  try {
    waitUntil(Promise.resolve(cache.put(key, response)).catch(failed));
  } catch (error) {
    failed(error);
  }
}
