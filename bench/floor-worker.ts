/**
 * The end-to-end floors: a minimal Hono worker that answers each measured path with the bytes and headers
 * wirefeed sent for it (recorded once from the running wirefeed), held in memory as bytes. Without bindings it
 * is the constant-body floor: no storage, no edge cache, no validator logic (a request carrying If-None-Match
 * gets the recorded 304 as-is). Bound to ASSETS and an edge cache it is the I/O floor: the same edge-cache lookup,
 * storage reads and cache store as wirefeed makes for that path, and none of wirefeed's own work (routing,
 * decoding, assembly, headers), so the ratio to it is what wirefeed's code adds to the I/O it cannot avoid.
 */
import { Hono } from 'hono';

export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text; empty for a 304. */
  readonly body: string;
}

export interface FloorRoute {
  readonly ok: RecordedResponse;
  /** wirefeed's answer to a matching If-None-Match, when the bench measures one for this path. */
  readonly notModified?: RecordedResponse;
  /** Stored files wirefeed reads to answer on an edge-cache miss (the I/O floor reads them too). */
  readonly reads: readonly string[];
  /** Whether wirefeed needs the edge cache to answer a conditional request (an article: its ETag is not in the manifest). */
  readonly lookupFor304: boolean;
}

/** Keyed by path (no query: the bench requests page 1). */
export type FloorTable = Readonly<Record<string, FloorRoute>>;

interface IoEnv {
  readonly ASSETS?: Fetcher;
}

export function createFloorApp(table: FloorTable): Hono {
  const app = new Hono();
  const encoder = new TextEncoder();
  for (const [path, route] of Object.entries(table)) {
    const { ok, notModified } = route;
    // Encoded once: each response sends bytes already in memory, as a cache hit does.
    const bytes = encoder.encode(ok.body);
    const init = { status: ok.status, headers: ok.headers };
    const key = `https://floor.local${path}`;
    app.get(path, async (c) => {
      const conditional = notModified !== undefined && c.req.header('If-None-Match') !== undefined;
      const answer304 = () => new Response(null, { status: 304, headers: notModified?.headers ?? {} });
      const assets = (c.env as IoEnv | undefined)?.ASSETS;
      if (assets === undefined) return conditional ? answer304() : new Response(bytes, init);
      // The I/O floor: wirefeed's I/O for this path, in wirefeed's order (src/worker/http/serve.ts).
      if (conditional && !route.lookupFor304) return answer304();
      const hit = await caches.default.match(key);
      if (hit) return conditional ? answer304() : hit;
      for (const file of route.reads) await (await assets.fetch(`https://assets.local/${file}`)).text();
      if (conditional) return answer304();
      const response = new Response(bytes, init);
      const stored = new Response(response.clone().body, response);
      stored.headers.set('X-Cache', 'HIT');
      response.headers.set('X-Cache', 'MISS');
      c.executionCtx.waitUntil(caches.default.put(key, stored));
      return response;
    });
  }
  return app;
}
