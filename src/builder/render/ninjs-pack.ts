/** Renders one pack of ninjs documents at build time, each with every header it is served with. */

import type { PackedArticle } from '../../archive/manifest.ts';
import { type EncodedRecord, encodeRecordBytes } from '../../archive/record-file.ts';
import type { Article } from '../../model/article.ts';
import type { Site } from '../../model/site.ts';
import { renderNinjs } from '../../render/ninjs.ts';
import { toHttpDate } from '../../shared/http-date.ts';
import { textEtag } from './text-etag.ts';

const encoder = new TextEncoder();

/**
 * The pack file for `members`, in the record format of the pages' packs: the route reads one file, finds the
 * slug and sends the stored bytes. ETag is the SHA-256 of the bytes, Last-Modified the article's update.
 */
export async function renderNinjsPack(
  site: Site,
  members: readonly Article[],
  sharedHeaders: Readonly<Record<string, string>>,
): Promise<Uint8Array> {
  const entries: EncodedRecord<PackedArticle>[] = [];
  for (const article of members) {
    const body = renderNinjs(site, article);
    const headers = {
      ...sharedHeaders,
      ETag: await textEtag(body),
      'Last-Modified': toHttpDate(article.updated.epochMs),
    };
    entries.push({ bytes: encoder.encode(body), meta: [article.slug, headers] });
  }
  return encodeRecordBytes(entries);
}
