/** Renders one slug pack of article pages (each with every header it is served with) and the job a pack renderer is given. */

import type { PackedArticle } from '../../archive/manifest.ts';
import { type EncodedRecord, encodeRecordBytes } from '../../archive/record-file.ts';
import type { Article } from '../../model/article.ts';
import type { Site } from '../../model/site.ts';
import { renderArticlePage } from '../../render/article-page.ts';
import { withAlternateLink } from '../../render/headers/alternate-link.ts';
import { attributionHeaders } from '../../render/headers/attribution-headers.ts';
import { renderRetractionPage } from '../../render/retraction-page.ts';
import { canonicalUrl, ninjsUrl } from '../../render/urls.ts';
import { toHttpDate } from '../../shared/http-date.ts';
import { textEtag } from './text-etag.ts';

const encoder = new TextEncoder();

/** The pages' pack file for `members` (record-file.ts): each page with its ETag, Last-Modified and attribution. */
export async function renderArticlePack(
  site: Site,
  members: readonly Article[],
  htmlHeaders: Readonly<Record<string, string>>,
): Promise<Uint8Array> {
  const entries: EncodedRecord<PackedArticle>[] = [];
  for (const article of members) {
    const body = article.retracted ? renderRetractionPage(site, article) : renderArticlePage(site, article);
    const headers = {
      ...htmlHeaders,
      ETag: await textEtag(body),
      'Last-Modified': toHttpDate((article.retracted?.date ?? article.updated).epochMs),
      ...withAlternateLink(
        attributionHeaders(article, canonicalUrl(site, article)),
        ninjsUrl(site, article),
        'application/json',
      ),
    };
    // RFC 9110 §15.5.11: 410 Gone, the article was withdrawn on purpose and will not come back.
    entries.push({
      bytes: encoder.encode(body),
      meta: article.retracted ? [article.slug, headers, 410] : [article.slug, headers],
    });
  }
  return encodeRecordBytes(entries);
}

/** One pack to render elsewhere (a worker thread): its articles, the shared headers, which of its two files are wanted. */
export interface PackJob {
  readonly site: Site;
  readonly members: readonly Article[];
  readonly htmlHeaders: Readonly<Record<string, string>>;
  readonly ninjsHeaders: Readonly<Record<string, string>>;
  readonly page: boolean;
  readonly ninjs: boolean;
}

/** The pack's files, each present only when asked for. */
export interface PackFiles {
  readonly page?: string;
  readonly ninjs?: string;
}

/** Renders packs off the main thread (build-pool.ts); buildSite renders in place without one. */
export type PackRenderer = (job: PackJob) => Promise<PackFiles>;
