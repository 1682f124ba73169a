/** The one response path every route shares: conditional GET, memory, edge cache, storage read, 304 or 200. */

import { encodeParts, type Part } from '../../shared/encode-parts.ts';
import { parseHttpDate } from '../../shared/http-date.ts';
import { isNotModified, notModifiedHeaders } from './conditional-get.ts';
import { edgeCacheMatch, edgeCachePut } from './edge-cache.ts';
import type { MemoryCache } from './memory-cache.ts';

/** What a route read from storage: the body and every header it is sent with. */
export interface Loaded {
  /** The text, whole or as parts (markup, and fragments as their stored UTF-8 bytes), encoded once without joining. */
  readonly body: string | readonly Part[];
  readonly headers: Readonly<Record<string, string>>;
  /** The status when not 200 (410 for a retracted article). */
  readonly status?: number;
}

export interface ServeRequest {
  readonly ifNoneMatch: string | null;
  readonly ifModifiedSince: string | null;
  readonly cacheKey: string;
  readonly memory: MemoryCache;
  /** The edge cache (Cache API); undefined where there is none. */
  readonly cache: Cache | undefined;
  readonly waitUntil: (promise: Promise<unknown>) => void;
}

export interface ServePlan {
  /** Headers (with ETag and Last-Modified) known without reading storage: then a 304 reads nothing. */
  readonly known?: Readonly<Record<string, string>>;
  /** Reads and assembles the response; undefined when there is nothing at this address. */
  readonly load: () => Promise<Loaded | undefined>;
  readonly notFound: () => Response;
  /**
   * Headers of this moment over the stored ones, on every answer (a memory or edge-cache hit too): the
   * `Cache-Control` capped by the next scheduled release (release-cap.ts). Absent: the stored headers as they are.
   */
  readonly current?: Readonly<Record<string, string>>;
}

const encoder = new TextEncoder();

/**
 * In order, each step only when the one before could not answer: a 304 from validators known up front;
 * the isolate's memory; the edge cache (Cache API); storage, after which the response is remembered and
 * stored in the edge cache. `X-Cache` says `HIT` when nothing was rendered, `MISS` when it was.
 * The first two steps answer at once, without a promise: a feed reader's 304 costs no turn of the event loop.
 */
export function serve(request: ServeRequest, plan: ServePlan): Response | Promise<Response> {
  if (plan.known && notModified(request, plan.known)) return notModifiedResponse(plan.known);
  const remembered = request.memory.get(request.cacheKey);
  if (remembered) return respond(request, remembered.body, remembered.headers, plan.current);
  return serveStored(request, plan);
}

/** The edge cache, then storage: the steps that wait. */
async function serveStored(request: ServeRequest, plan: ServePlan): Promise<Response> {
  const { cache } = request;
  // Only a 200 with our headers and a readable body counts; Date, Age and cache status are dropped.
  const hit = await edgeCacheMatch(cache, request.cacheKey);
  if (hit) {
    request.memory.set(request.cacheKey, hit);
    return respond(request, hit.body, hit.headers, plan.current);
  }

  // A storage fault throws here (StoredFileError): nothing below runs, so nothing is remembered or cached.
  const loaded = await plan.load();
  if (!loaded) return plan.notFound();
  // RFC 9110 §13.2.1: preconditions only apply to a response that would be 2xx, so a 410 ignores
  // If-None-Match / If-Modified-Since (no 304: §15.4.5 replaces a 200 only) and is never cached here.
  if (loaded.status !== undefined && loaded.status !== 200) {
    const headers = withCacheStatus(loaded.headers, 'MISS');
    return new Response(bodyBytes(loaded.body), { status: loaded.status, headers });
  }
  const body = bodyBytes(loaded.body);
  const hitHeaders = withCacheStatus(loaded.headers, 'HIT');
  request.memory.set(request.cacheKey, { body, headers: hitHeaders });
  edgeCachePut(cache, request.cacheKey, new Response(body, { headers: hitHeaders }), request.waitUntil);
  return respond(request, body, withCacheStatus(loaded.headers, 'MISS'), plan.current);
}

function bodyBytes(body: string | readonly Part[]): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : encodeParts(body);
}

/** A route's headers with `X-Cache` added, made once per header set that is kept (a list page's), not per request. */
const withStatusOf: Record<'HIT' | 'MISS', WeakMap<Readonly<Record<string, string>>, Record<string, string>>> = {
  HIT: new WeakMap(),
  MISS: new WeakMap(),
};

function withCacheStatus(headers: Readonly<Record<string, string>>, status: 'HIT' | 'MISS'): Record<string, string> {
  const kept = withStatusOf[status];
  let made = kept.get(headers);
  if (made === undefined) {
    made = { ...headers, 'X-Cache': status };
    kept.set(headers, made);
  }
  return made;
}

function respond(
  request: ServeRequest,
  body: Uint8Array,
  stored: Readonly<Record<string, string>>,
  current?: Readonly<Record<string, string>>,
): Response {
  const headers = current === undefined ? stored : overlay(stored, current);
  return notModified(request, headers) ? notModifiedResponse(headers) : new Response(body, { headers });
}

/** `stored` with `current`'s headers in place of theirs, whatever case either spells a name in (edge-cache hits are lowercase). */
function overlay(
  stored: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
): Record<string, string> {
  const names = new Set(Object.keys(current).map((name) => name.toLowerCase()));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(stored)) if (!names.has(name.toLowerCase())) headers[name] = value;
  return Object.assign(headers, current);
}

function notModified(request: ServeRequest, headers: Readonly<Record<string, string>>): boolean {
  if (request.ifNoneMatch === null && request.ifModifiedSince === null) return false;
  const etag = headers.ETag ?? headers.etag ?? '';
  // RFC 9110 §13.1.3: with If-None-Match, Last-Modified is never consulted, so it is not even parsed.
  if (request.ifNoneMatch !== null) return isNotModified(request, { etag, lastModifiedMs: 0 });
  const lastModified = headers['Last-Modified'] ?? headers['last-modified'] ?? '';
  return isNotModified(request, { etag, lastModifiedMs: parseHttpDate(lastModified) ?? 0 });
}

/** The 304 headers of header sets that are made once and kept (a list page's `known`): computed once each. */
const notModifiedOf = new WeakMap<Readonly<Record<string, string>>, Record<string, string>>();

/** RFC 9110 §15.4.5: no body, the validators and cache headers of the 200, and our attribution headers. */
function notModifiedResponse(headers: Readonly<Record<string, string>>): Response {
  let kept = notModifiedOf.get(headers);
  if (kept === undefined) {
    kept = notModifiedHeaders(headers);
    notModifiedOf.set(headers, kept);
  }
  return new Response(null, { status: 304, headers: kept });
}
