/** A published site whose objects in R2 a test can damage, delete and repair, and whose reads it can count; `caches.default` wrapped. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createApp } from '../../src/app.ts';
import { objectKey } from '../../src/archive/keys.ts';
import type { PieceRef } from '../../src/archive/root.ts';
import type { Article } from '../../src/model/article.ts';
import type { Site } from '../../src/model/site.ts';
import { LiveArchive } from '../../src/worker/archive/live-archive.ts';
import { MemoryCache } from '../../src/worker/http/memory-cache.ts';
import { testOrigin, testSite } from '../support/sites.ts';
import { pinnedSource, publishArchive } from '../support/workerd-archive.ts';

/**
 * The app over an archive published with one piece per object (so damaging an object damages one piece), its
 * objects editable in the real bucket, and every ranged read recorded as `<object>@<offset>` in `reads`.
 */
export async function faultySite(
  articles: readonly Article[],
  options: { site?: Site; codeVersion?: string; memoryBytes?: number } = {},
) {
  const published = await publishArchive(options.site ?? testSite, articles, { packBytes: 1 });
  const pinned = pinnedSource(published.rootHash);
  const reads: string[] = [];
  const source = {
    ...pinned,
    range: (object: string, offset: number, length: number) => {
      reads.push(`${object}@${offset}`);
      return pinned.range(object, offset, length);
    },
  };
  const app = createApp({
    archive: new LiveArchive({ codeVersion: options.codeVersion ?? 'test-code' }),
    sourceFor: () => source,
    edgeCache: caches.default,
    memory: new MemoryCache(options.memoryBytes ?? 1 << 24),
  });
  const fetch = async (path: string, init?: RequestInit, origin = testOrigin): Promise<Response> => {
    const context = createExecutionContext();
    const response = await app.fetch(new Request(`${origin}${path}`, init), env, context);
    await waitOnExecutionContext(context);
    return response;
  };
  /** Replaces the object holding `ref` with `bytes` (or deletes it); `repair` puts the published bytes back. */
  const damage = async (ref: Pick<PieceRef, 'o'>, bytes?: (stored: Uint8Array) => Uint8Array | Promise<Uint8Array>) => {
    const stored = published.objects.get(ref.o);
    if (stored === undefined) throw new Error(`object ${ref.o} was not published by this site`);
    if (bytes === undefined) await env.ARCHIVE.delete(objectKey(ref.o));
    else await env.ARCHIVE.put(objectKey(ref.o), await bytes(stored.slice()));
    return { repair: () => env.ARCHIVE.put(objectKey(ref.o), stored) };
  };
  return { ...published, reads, fetch, damage };
}

let opened = 0;

/**
 * Replaces `caches.default` with a fresh real cache (its own name, so tests never share entries) whose
 * `match` and `put` a test may override; `keys` records every key put. Call `restore()` after the test.
 */
export async function wrapEdgeCache(overrides: { match?: Cache['match']; put?: Cache['put'] } = {}) {
  const inner = await caches.open(`faults-${++opened}`);
  const keys: string[] = [];
  const wrapped = {
    match:
      overrides.match ?? ((request: RequestInfo | URL, options?: CacheQueryOptions) => inner.match(request, options)),
    put: (request: RequestInfo | URL, response: Response) => {
      keys.push(String(request instanceof Request ? request.url : request));
      return overrides.put ? overrides.put(request, response) : inner.put(request, response);
    },
    delete: (request: RequestInfo | URL) => inner.delete(request),
  };
  Object.defineProperty(caches, 'default', { value: wrapped, configurable: true });
  return {
    inner,
    keys,
    restore: () => delete (caches as unknown as Record<string, unknown>).default,
  };
}
