/** Worker entry: the app over the manifest `npm run build` compiled in, reading pages from static assets. */
import type { Hono } from 'hono';
import { createApp } from './app.ts';
import manifest from './generated/site-manifest.js';
import { MemoryCache } from './http/memory-cache.ts';
import { assetStore } from './storage/site-store.ts';

interface Env {
  readonly ASSETS: Fetcher;
  /** Bytes of responses each isolate keeps in memory (wrangler.toml [vars]); "0" turns it off. @default 16 MiB */
  readonly MEMORY_CACHE_BYTES?: string;
}

const defaultMemoryBytes = 16 * 1024 * 1024;

/** One app per isolate, made on the first request: its memory budget comes from the environment. */
let app: Hono | undefined;

export default {
  fetch(request, env, context) {
    app ??= createApp({
      manifest,
      storeFor: (environment) => assetStore((environment as Env).ASSETS),
      memory: new MemoryCache(memoryBytes(env.MEMORY_CACHE_BYTES)),
    });
    return app.fetch(request, env, context);
  },
} satisfies ExportedHandler<Env>;

function memoryBytes(setting: string | undefined): number {
  const bytes = Number(setting ?? defaultMemoryBytes);
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : defaultMemoryBytes;
}
