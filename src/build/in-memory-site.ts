/** Builds a site into memory and pairs it with a memory store: for tests, benchmarks and previews. */

import type { AppDeps } from '../app.ts';
import type { Article } from '../article.ts';
import type { Site } from '../site.ts';
import type { SiteManifest } from '../site-build.ts';
import { memoryStore } from '../storage/site-store.ts';
import { buildSite } from './build-site.ts';

export interface InMemorySite {
  readonly manifest: SiteManifest;
  readonly files: ReadonlyMap<string, string>;
  /** What createApp() takes. */
  readonly deps: AppDeps;
}

export async function buildInMemory(
  site: Site,
  articles: readonly Article[],
  urlsPerSitemap?: number,
): Promise<InMemorySite> {
  const files = new Map<string, string>();
  const manifest = await buildSite(
    site,
    articles,
    (path, text) => {
      files.set(path, text);
    },
    undefined,
    urlsPerSitemap,
  );
  const store = memoryStore(files);
  return { manifest, files, deps: { manifest, storeFor: () => store } };
}
