/** Builds a site from wire-copy texts inside workerd and serves it through the real app, cache included. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../../src/app.ts';
import { buildInMemory } from '../../src/builder/render/in-memory-site.ts';
import { defaultSite } from '../../src/content/site-config.ts';
import { parseWireCopy } from '../../src/content/wire-copy.ts';
import type { Article } from '../../src/model/article.ts';
import type { Site } from '../../src/model/site.ts';

export const testOrigin = 'https://wire.example';

export const testSite: Site = { ...defaultSite, baseUrl: testOrigin, timeZone: 'Asia/Shanghai' };

/** Parses wire copy that a test holds inline; a text that does not parse fails the test loudly. */
export function wireCopy(file: string, text: string, site: Site = testSite): Article {
  const result = parseWireCopy(file, text, site);
  if (!result.ok) throw new Error(`${file} does not parse: ${JSON.stringify(result.problems)}`);
  if (!('article' in result)) throw new Error(`${file} is a draft`);
  return result.article;
}

/** A fetch through createApp(buildSite(...)) that waits for the edge-cache write like the runtime would. */
export async function serveSite(articles: readonly Article[], site: Site = testSite, urlsPerSitemap?: number) {
  const built = await buildInMemory(site, articles, urlsPerSitemap);
  const app = createApp({ ...built.deps, edgeCache: caches.default });
  const fetch = async (path: string, init?: RequestInit): Promise<Response> => {
    const context = createExecutionContext();
    const response = await app.fetch(new Request(`${testOrigin}${path}`, init), {}, context);
    await waitOnExecutionContext(context);
    return response;
  };
  return { manifest: built.manifest, files: built.files, fetch };
}
