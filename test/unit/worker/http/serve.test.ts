import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../../src/worker/http/memory-cache.ts';
import { type Loaded, type ServeRequest, serve } from '../../../../src/worker/http/serve.ts';

const headers = {
  'Content-Type': 'application/rss+xml; charset=utf-8',
  'Cache-Control': 'public, max-age=60',
  ETag: '"v1-rss-1"',
  'Last-Modified': 'Wed, 16 Jul 2025 00:00:00 GMT',
};

function request(overrides: Partial<ServeRequest> = {}): ServeRequest {
  return {
    ifNoneMatch: null,
    ifModifiedSince: null,
    cacheKey: 'https://wire.example/rss.xml?__v=v1',
    memory: new MemoryCache(1 << 20),
    cache: undefined,
    waitUntil: () => {},
    ...overrides,
  };
}

/** A load that counts its calls. */
function counted(loaded: Loaded | undefined) {
  const calls = { count: 0 };
  const load = async () => {
    calls.count++;
    return loaded;
  };
  return { calls, load };
}

const notFound = () => new Response('gone', { status: 404 });

describe('serve', () => {
  it('answers 304 from the known validators without reading storage', async () => {
    const { calls, load } = counted({ body: 'x', headers });
    const answer = serve(request({ ifNoneMatch: '"v1-rss-1"' }), { known: headers, load, notFound });
    // At once, not as a promise: a feed reader's poll costs no turn of the event loop.
    expect(answer).toBeInstanceOf(Response);
    const response = await answer;
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(response.headers.get('ETag')).toBe('"v1-rss-1"');
    expect(response.headers.get('Content-Type')).toBeNull();
    expect(calls.count).toBe(0);
  });

  it('reads storage once, says MISS, then answers from memory with HIT', async () => {
    const { calls, load } = counted({ body: '<rss>é</rss>', headers });
    const shared = request();
    const first = await serve(shared, { load, notFound });
    expect(first.headers.get('X-Cache')).toBe('MISS');
    expect(await first.text()).toBe('<rss>é</rss>');
    const again = await serve(shared, { load, notFound });
    expect(again.headers.get('X-Cache')).toBe('HIT');
    expect(await again.text()).toBe('<rss>é</rss>');
    expect(calls.count).toBe(1);
  });

  it('answers 304 from memory when the remembered ETag matches', async () => {
    const { load } = counted({ body: 'page', headers });
    const memory = new MemoryCache(1 << 20);
    await serve(request({ memory }), { load, notFound });
    const response = await serve(request({ memory, ifNoneMatch: 'W/"v1-rss-1"' }), { load, notFound });
    expect(response.status).toBe(304);
  });

  it('sends a 410 as loaded, ignoring If-None-Match, and remembers nothing', async () => {
    const { calls, load } = counted({ body: 'withdrawn', headers, status: 410 });
    const shared = request({ ifNoneMatch: '"v1-rss-1"' });
    const response = await serve(shared, { load, notFound });
    expect(response.status).toBe(410);
    expect(await response.text()).toBe('withdrawn');
    await serve(shared, { load, notFound });
    expect(calls.count).toBe(2);
  });

  it('answers not found when storage has nothing at the address', async () => {
    const response = await serve(request(), { load: async () => undefined, notFound });
    expect(response.status).toBe(404);
  });

  it('stores a fresh response in the edge cache in the background', async () => {
    const puts: string[] = [];
    const waited: Promise<unknown>[] = [];
    const cache = {
      match: async () => undefined,
      put: async (key: string) => {
        puts.push(key);
      },
    } as unknown as Cache;
    const { load } = counted({ body: 'page', headers });
    await serve(request({ cache, waitUntil: (promise) => waited.push(promise) }), { load, notFound });
    await Promise.all(waited);
    expect(puts).toEqual(['https://wire.example/rss.xml?__v=v1']);
  });
});
