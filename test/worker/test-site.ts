/** Publishes a site from wire-copy texts into the real R2 binding inside workerd and serves it through the real app, cache included. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createApp } from '../../src/app.ts';
import { parseWireCopy } from '../../src/content/wire-copy.ts';
import type { Article } from '../../src/model/article.ts';
import type { Site } from '../../src/model/site.ts';
import { LiveArchive } from '../../src/worker/archive/live-archive.ts';
import { MemoryCache } from '../../src/worker/http/memory-cache.ts';
import { articleOf } from '../support/articles.ts';
import { testOrigin, testSite } from '../support/sites.ts';
import { type PublishOptions, pinnedSource, publishArchive } from '../support/workerd-archive.ts';

/** Parses wire copy that a test holds inline; a text that does not parse fails the test loudly. */
export function wireCopy(file: string, text: string, site: Site = testSite): Article {
  return articleOf(parseWireCopy(file, text, site));
}

export interface ServeOptions extends PublishOptions {
  /** The clock requests are answered at. @default Date.now */
  readonly now?: () => number;
  /** The Worker's code version. @default 'test-code' */
  readonly codeVersion?: string;
}

/** A fetch through createApp over the published archive that waits for the edge-cache write like the runtime would. */
export async function serveSite(
  articles: readonly Article[],
  site: Site = testSite,
  options: ServeOptions | number = {},
) {
  const settings: ServeOptions = typeof options === 'number' ? { urlsPerSitemap: options } : options;
  const published = await publishArchive(site, articles, settings);
  const app = createApp({
    archive: new LiveArchive({ codeVersion: settings.codeVersion ?? 'test-code' }),
    sourceFor: () => pinnedSource(published.rootHash, settings.sequence ?? 1),
    edgeCache: caches.default,
    memory: new MemoryCache(1 << 24),
    ...(settings.now ? { now: settings.now } : {}),
  });
  const fetch = async (path: string, init?: RequestInit): Promise<Response> => {
    const context = createExecutionContext();
    const response = await app.fetch(new Request(`${testOrigin}${path}`, init), env, context);
    await waitOnExecutionContext(context);
    return response;
  };
  return { ...published, fetch };
}
