/** A built site whose storage and edge cache a test can break: files in a mutable map, `caches.default` wrapped. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../../src/app.ts';
import type { SiteStore } from '../../src/archive/site-store.ts';
import { withCodeVersion } from '../../src/builder/render/code-version.ts';
import { buildInMemory } from '../../src/builder/render/in-memory-site.ts';
import type { Article } from '../../src/model/article.ts';
import type { Site } from '../../src/model/site.ts';
import { MemoryCache } from '../../src/worker/http/memory-cache.ts';
import { testOrigin, testSite, wireCopy } from './test-site.ts';

/** `count` small wire-copy stories, one a day, each tagged with `label` so versions differ between tests. */
export function stories(count: number, label = 'story'): Article[] {
  return Array.from({ length: count }, (_, index) => {
    const day = String(1 + (index % 28)).padStart(2, '0');
    const month = String(1 + Math.floor(index / 28)).padStart(2, '0');
    return wireCopy(
      `${label}-${index + 1}.txt`,
      `${label} ${index + 1}\n2025-${month}-${day} 08:00\nBody of ${label} ${index + 1}.\nSource:www.news.cn\n`,
    );
  });
}

/** The app over a site whose stored files live in `files` (edit them to inject a fault). */
export async function faultySite(
  articles: readonly Article[],
  options: { site?: Site; codeHash?: string; memoryBytes?: number } = {},
) {
  const built = await buildInMemory(options.site ?? testSite, articles);
  const manifest = options.codeHash ? await withCodeVersion(built.manifest, options.codeHash) : built.manifest;
  const files = new Map(built.files);
  const reads: string[] = [];
  const store: SiteStore = {
    read: async (path) => {
      reads.push(path);
      return files.get(path);
    },
  };
  const app = createApp({
    manifest,
    storeFor: () => store,
    edgeCache: caches.default,
    memory: new MemoryCache(options.memoryBytes ?? 1 << 24),
  });
  const fetch = async (path: string, init?: RequestInit, origin = testOrigin): Promise<Response> => {
    const context = createExecutionContext();
    const response = await app.fetch(new Request(`${origin}${path}`, init), {}, context);
    await waitOnExecutionContext(context);
    return response;
  };
  return { manifest, files, reads, fetch };
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
