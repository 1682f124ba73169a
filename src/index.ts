/** Worker entry: the app over the live archive in R2 (binding ARCHIVE); the bundle holds code only. */
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import { codeVersion } from './generated/code-version.ts';
import { announceDueReleases } from './worker/announce/release-cron.ts';
import { LiveArchive } from './worker/archive/live-archive.ts';
import { r2Source } from './worker/archive/r2-source.ts';
import { defaultMemoryCacheBytes, MemoryCache } from './worker/http/memory-cache.ts';
import type { AppEnv } from './worker/routes/route-context.ts';
import { handleQueue } from './worker/webhooks/queue-handler.ts';

/** One live archive and one app per isolate, made on first use: memory budget and freshness come from the environment. */
let archive: LiveArchive | undefined;
let app: Hono<AppEnv> | undefined;

function liveArchive(env: Env): LiveArchive {
  archive ??= new LiveArchive({ codeVersion, freshnessMs: wholeNumber(env.LIVE_POINTER_TTL_MS, 1000) });
  return archive;
}

export default {
  fetch(request, env, context) {
    app ??= createApp({
      archive: liveArchive(env),
      sourceFor: (environment) => r2Source(environment.ARCHIVE),
      edgeCache: caches.default,
      memory: new MemoryCache(wholeNumber(env.MEMORY_CACHE_BYTES, defaultMemoryCacheBytes)),
    });
    return app.fetch(request, env, context);
  },

  // Every minute: the releases that came since the last run, announced (WebSub, partner webhooks).
  scheduled(_controller, env, context) {
    context.waitUntil(announceDueReleases(env, liveArchive(env), r2Source(env.ARCHIVE), Date.now()));
  },

  // Partner webhooks: the consumers of wirefeed-webhooks and its dead-letter queue (docs/webhooks.md).
  queue: handleQueue,
} satisfies ExportedHandler<Env>;

/** A [vars] setting as a whole number >= 0; anything unreadable is the default. */
function wholeNumber(setting: string | undefined, fallback: number): number {
  const value = Number(setting ?? fallback);
  return Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}
