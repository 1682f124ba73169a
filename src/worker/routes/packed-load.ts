/** Reads one article's record (body and headers) from a pack file: one stored read, shared by pages and ninjs. */

import { packOf } from '../../archive/layout.ts';
import { decodeSelectedBytes } from '../../archive/record-file.ts';
import { isPackedArticle, readExistingBytes } from '../../archive/stored-shapes.ts';
import type { Loaded } from '../http/serve.ts';
import type { RouteDeps } from './route-context.ts';

/** The record of `slug` in the pack `packPath` names for it; undefined when the archive has no such article. */
export async function loadPacked(
  { manifest, storeFor }: RouteDeps,
  env: Env,
  packPath: (pack: number) => string,
  slug: string,
): Promise<Loaded | undefined> {
  if (manifest.articleCount + (manifest.retractedCount ?? 0) === 0) return undefined;
  // Every pack is stored (an empty one too): a missing or bad one is a storage fault (503), not a 404.
  const path = packPath(packOf(slug, manifest.packCount));
  const pack = await readExistingBytes(storeFor(env), path);
  const [stored] = decodeSelectedBytes(pack, path, isPackedArticle, (meta) => meta[0] === slug).records;
  const status = stored?.meta[2];
  // The page's stored bytes, sent as they are (copied out of the pack, not decoded and encoded again).
  return stored && { body: [stored.bytes], headers: stored.meta[1], ...(status ? { status } : {}) };
}
