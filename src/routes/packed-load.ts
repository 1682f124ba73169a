/** Reads one article's record (body and headers) from a pack file: one stored read, shared by pages and ninjs. */
import type { Loaded } from '../http/serve.ts';
import type { PackedArticle } from '../site-build.ts';
import { packOf } from '../storage/layout.ts';
import { decodeRecords } from '../storage/record-file.ts';
import type { RouteDeps } from './route-context.ts';

/** The record of `slug` in the pack `packPath` names for it; undefined when the archive has no such article. */
export async function loadPacked(
  { manifest, storeFor }: RouteDeps,
  env: unknown,
  packPath: (pack: number) => string,
  slug: string,
): Promise<Loaded | undefined> {
  if (manifest.articleCount + (manifest.retractedCount ?? 0) === 0) return undefined;
  const pack = await storeFor(env).read(packPath(packOf(slug, manifest.packCount)));
  if (pack === undefined) return undefined;
  const stored = decodeRecords<PackedArticle>(pack).find((record) => record.meta[0] === slug);
  const status = stored?.meta[2];
  return stored && { body: stored.text, headers: stored.meta[1], ...(status ? { status } : {}) };
}
