/** Folds the Worker code's hash into the content version, so list ETags and cache keys change with the code. */

import type { SiteManifest } from '../../archive/manifest.ts';
import { strongEtag } from '../../shared/etag.ts';

/**
 * The manifest with `version` = hash(content version, code hash): a renderer change alone (an RSS wrapper,
 * `<generator>`) then changes every list ETag and edge-cache key, and unchanged code changes nothing.
 */
export async function withCodeVersion(manifest: SiteManifest, codeHash: string): Promise<SiteManifest> {
  const version = (await strongEtag(`${manifest.version}\n${codeHash}`)).replaceAll('"', '');
  return { ...manifest, version };
}
