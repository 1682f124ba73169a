/** The one response path every route shares: conditional GET, edge cache, storage read, 304 or 200. */
import { isNotModified, notModifiedHeaders } from './conditional-get.ts';
import { edgeCache, storeInEdgeCache } from './edge-cache.ts';
import { parseHttpDate } from './http-date.ts';

/** What a route read from storage: the body and every header it is sent with. */
export interface Loaded {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ServeRequest {
  readonly ifNoneMatch: string | null;
  readonly ifModifiedSince: string | null;
  readonly cacheKey: string;
  readonly waitUntil: (promise: Promise<unknown>) => void;
}

export interface ServePlan {
  /** Headers (with ETag and Last-Modified) known without reading storage: then a 304 reads nothing. */
  readonly known?: Readonly<Record<string, string>>;
  /** Reads and assembles the response; undefined when there is nothing at this address. */
  readonly load: () => Promise<Loaded | undefined>;
  readonly notFound: () => Response;
}

export async function serve(request: ServeRequest, plan: ServePlan): Promise<Response> {
  if (plan.known && notModified(request, plan.known)) return notModifiedResponse(plan.known);
  const cache = edgeCache();
  const hit = await cache?.match(request.cacheKey);
  if (hit) {
    const headers = Object.fromEntries(hit.headers);
    return notModified(request, headers) ? notModifiedResponse(headers) : hit;
  }
  const loaded = await plan.load();
  if (!loaded) return plan.notFound();
  if (notModified(request, loaded.headers)) return notModifiedResponse(loaded.headers);
  const response = new Response(loaded.body, { headers: loaded.headers });
  return cache ? storeInEdgeCache(cache, request.cacheKey, response, request.waitUntil) : response;
}

function notModified(request: ServeRequest, headers: Readonly<Record<string, string>>): boolean {
  if (request.ifNoneMatch === null && request.ifModifiedSince === null) return false;
  const etag = headers.ETag ?? headers.etag ?? '';
  // Last-Modified is only read for If-Modified-Since, which counts only without If-None-Match.
  const lastModified = request.ifNoneMatch === null ? (headers['Last-Modified'] ?? headers['last-modified'] ?? '') : '';
  return isNotModified(request, { etag, lastModifiedMs: parseHttpDate(lastModified) ?? 0 });
}

/** RFC 9110 §15.4.5: no body, the validators and cache headers of the 200, and our attribution headers. */
function notModifiedResponse(headers: Readonly<Record<string, string>>): Response {
  return new Response(null, { status: 304, headers: notModifiedHeaders(headers) });
}
