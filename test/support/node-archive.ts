/** An archive built in memory in Node and served through the real app: what the validators and browser tests read. */
import type { Hono } from 'hono';
import { createApp } from '../../src/app.ts';
import {
  buildInMemory,
  type MemoryArchive,
  type MemoryArchiveOptions,
} from '../../src/builder/archive/memory-archive.ts';
import type { Article } from '../../src/model/article.ts';
import type { Site } from '../../src/model/site.ts';
import { LiveArchive } from '../../src/worker/archive/live-archive.ts';
import type { AppEnv } from '../../src/worker/routes/route-context.ts';

export interface ServedArchive {
  readonly built: MemoryArchive;
  readonly app: Hono<AppEnv>;
}

/** The app over a fresh in-memory archive of `articles` (no edge cache: Node has none); `now` is its clock. */
export async function serveInMemory(
  site: Site,
  articles: readonly Article[],
  options: MemoryArchiveOptions & { readonly now?: () => number } = {},
): Promise<ServedArchive> {
  const { now, ...archiveOptions } = options;
  const built = await buildInMemory(site, articles, archiveOptions);
  const app = createApp({
    archive: new LiveArchive({ codeVersion: 'node-tools', ...(now ? { now } : {}) }),
    sourceFor: () => built.source,
    ...(now ? { now } : {}),
  });
  return { built, app };
}
