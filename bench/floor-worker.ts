/**
 * The end-to-end floors: a minimal Hono Worker answering each measured request with the bytes and headers wirefeed
 * sent for it (recorded from the running wirefeed, given as the JSON binding TABLE). FLOOR_MODE `constant` is the
 * constant-body floor: bytes already in memory, nothing else (a request with If-None-Match gets the recorded 304).
 * FLOOR_MODE `io` is the I/O floor: for a 200 it does the I/O wirefeed did and none of its work (routing aside) — the
 * live pointer read again as often (LIVE_POINTER_TTL_MS), the edge-cache lookup and store of serve.ts when wirefeed
 * used the edge cache, and the very R2 reads and D1 statements the recorder saw, in order — so the ratio to it is what
 * wirefeed's own code adds to I/O any Worker on this storage layout must do.
 */
import { Hono } from 'hono';
import { liveKey } from '../src/archive/keys.ts';
import type { D1Step, R2Read } from './recording.ts';

export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text; empty for a 304. */
  readonly body: string;
}

export interface FloorRoute {
  readonly path: string;
  readonly ok: RecordedResponse;
  /** wirefeed's answer to If-None-Match with the 200's ETag, when a scenario measures it. */
  readonly notModified?: RecordedResponse;
  /** The storage reads wirefeed made for it, the live pointer aside (the floor reads that on its own clock). */
  readonly r2: readonly R2Read[];
  readonly d1: readonly D1Step[];
  /** wirefeed looked it up in the edge cache and stored it on a miss (its answer carries X-Cache). */
  readonly cached: boolean;
}

/** By request key: the path with its query, `auth ` in front for a request with the partner's key. */
export type FloorTable = Readonly<Record<string, FloorRoute>>;

export function requestKey(pathWithQuery: string, authorized: boolean): string {
  return `${authorized ? 'auth ' : ''}${pathWithQuery}`;
}

interface FloorEnv {
  readonly TABLE: FloorTable;
  readonly FLOOR_MODE: 'constant' | 'io';
  readonly LIVE_POINTER_TTL_MS?: string;
  readonly ARCHIVE?: R2Bucket;
  readonly SEARCH?: D1Database;
}

/** The live pointer as wirefeed's LiveArchive reads it: conditionally, when the copy is older than the TTL. */
function pointerReader(ttlMs: number) {
  let tag: string | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  return async (bucket: R2Bucket): Promise<void> => {
    if (Date.now() - checkedAt < ttlMs) return;
    const object = await bucket.get(liveKey, tag === undefined ? {} : { onlyIf: { etagDoesNotMatch: tag } });
    if (object !== null && 'body' in object) {
      await object.text();
      tag = object.etag;
    }
    checkedAt = Date.now();
  };
}

/** The recorded reads, each read whole as wirefeed reads them: the R2 reads at once (wirefeed reads a page's in parallel), then the D1 steps in order. */
async function replay(env: FloorEnv, route: FloorRoute): Promise<void> {
  await Promise.all(
    route.r2.map(async (read) => {
      const object = await env.ARCHIVE?.get(read.key, read.range ? { range: read.range } : {});
      await object?.arrayBuffer();
    }),
  );
  const database = env.SEARCH;
  if (database === undefined) return;
  for (const step of route.d1) {
    const statements = step.statements.map(({ sql, args }) => database.prepare(sql).bind(...args));
    const [first] = statements;
    if (step.method === 'batch') await database.batch(statements);
    else if (step.method === 'first') await first?.first();
    else if (step.method === 'raw') await first?.raw();
    else await first?.[step.method]();
  }
}

export function createFloorApp(env: FloorEnv): Hono {
  const app = new Hono();
  const encoder = new TextEncoder();
  const readPointer = pointerReader(Number(env.LIVE_POINTER_TTL_MS ?? 1000));
  const routes = Object.entries(env.TABLE);
  for (const path of new Set(routes.map(([, route]) => route.path))) {
    // Encoded once: each response sends bytes already in memory, as a cache hit does.
    const bodies = new Map(
      routes.filter(([, route]) => route.path === path).map(([key, route]) => [key, encoder.encode(route.ok.body)]),
    );
    app.get(path, async (c) => {
      const url = new URL(c.req.url);
      const key = requestKey(url.pathname + url.search, c.req.header('Authorization') !== undefined);
      const route = env.TABLE[key];
      const body = bodies.get(key);
      if (route === undefined || body === undefined) return c.text(`no recorded response for ${key}`, 500);
      if (route.notModified && c.req.header('If-None-Match') !== undefined)
        return new Response(null, { status: 304, headers: route.notModified.headers });
      const response = () => new Response(body, { status: route.ok.status, headers: route.ok.headers });
      if (env.FLOOR_MODE !== 'io') return response();
      if (env.ARCHIVE) await readPointer(env.ARCHIVE);
      const cacheKey = `https://floor.local${key.replace(' ', '/')}`;
      if (route.cached) {
        const hit = await caches.default.match(cacheKey);
        if (hit) return hit;
      }
      await replay(env, route);
      const answer = response();
      if (route.cached) c.executionCtx.waitUntil(caches.default.put(cacheKey, answer.clone()));
      return answer;
    });
  }
  return app;
}
