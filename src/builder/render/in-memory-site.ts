/** Builds a site into memory and pairs it with a memory store: for tests, benchmarks and previews. */

import type { SiteManifest } from '../../archive/manifest.ts';
import { memoryStore, type SiteStore } from '../../archive/site-store.ts';
import type { Article } from '../../model/article.ts';
import type { Site } from '../../model/site.ts';
import { buildSite } from './build-site.ts';

export interface InMemorySite {
  readonly manifest: SiteManifest;
  readonly files: ReadonlyMap<string, string>;
  /** What createApp() takes: the manifest and the memory store (no edge cache unless the caller adds one). */
  readonly deps: { readonly manifest: SiteManifest; readonly storeFor: () => SiteStore };
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
    (path, data) => {
      files.set(path, storedText(data));
    },
    undefined,
    urlsPerSitemap,
  );
  const store = memoryStore(files);
  return { manifest, files, deps: { manifest, storeFor: () => store } };
}

const decoder = new TextDecoder();

/** A stored file as text: the build hands over some files as their UTF-8 bytes (always valid UTF-8: it encoded them). */
export function storedText(data: string | Uint8Array): string {
  return typeof data === 'string' ? data : decoder.decode(data);
}
