/** Worker entry: the app over the manifest `npm run build` compiled in, reading pages from static assets. */
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { assetStore } from './archive/site-store.ts';
import manifest from './generated/site-manifest.js';
import { defaultMemoryCacheBytes, MemoryCache } from './worker/http/memory-cache.ts';
import type { AppEnv } from './worker/routes/route-context.ts';
import { handleQueue } from './worker/webhooks/queue-handler.ts';

/** One app per isolate, made on the first request: its memory budget comes from the environment. */
let app: Hono<AppEnv> | undefined;

export default {
  fetch(request, env, context) {
    app ??= createApp({
      manifest,
      storeFor: (environment) => assetStore(environment.ASSETS),
      edgeCache: caches.default,
      memory: new MemoryCache(memoryBytes(env.MEMORY_CACHE_BYTES)),
    });
    return app.fetch(request, env, context);
  },

  // Partner webhooks: the consumers of wirefeed-webhooks and its dead-letter queue (docs/webhooks.md).
  queue: handleQueue,
} satisfies ExportedHandler<Env>;

/** MEMORY_CACHE_BYTES as a whole number of bytes; "0" turns the memory off, anything unreadable is the default. */
function memoryBytes(setting: string | undefined): number {
  const bytes = Number(setting ?? defaultMemoryCacheBytes);
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : defaultMemoryCacheBytes;
}
