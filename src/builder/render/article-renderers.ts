/** One renderer per per-article format (model/article-formats.ts): the body and every header it is served with. */

import type { Article } from '../../model/article.ts';
import {
  type ArticleFormat,
  alternateFormats,
  articleFormatPath,
  articleFormats,
} from '../../model/article-formats.ts';
import type { Site } from '../../model/site.ts';
import { renderArticlePage } from '../../render/article-page.ts';
import { withAlternateLink } from '../../render/headers/alternate-link.ts';
import { attributionHeaders } from '../../render/headers/attribution-headers.ts';
import { renderNewsmlItem } from '../../render/newsml.ts';
import { renderNinjs } from '../../render/ninjs.ts';
import { renderRetractionPage } from '../../render/retraction-page.ts';
import { absoluteUrl, canonicalUrl } from '../../render/urls.ts';
import { toHttpDate } from '../../shared/http-date.ts';
import type { TextEtag } from '../archive/codec.ts';

/** A representation as stored: its text, every header, and its status when not 200. */
export interface RenderedRepresentation {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly status?: number;
}

/** What a renderer needs besides the article: the site, its kind's shared headers (type, cache, security), the ETag. */
export interface RenderContext {
  readonly site: Site;
  readonly shared: Readonly<Record<string, string>>;
  readonly etag: TextEtag;
}

/** Renders one article in one format. */
export type ArticleRenderer = (context: RenderContext, article: Article) => Promise<RenderedRepresentation>;

/** A new format is a renderer here and a row in model/article-formats.ts. */
export const articleRenderers: Readonly<Record<ArticleFormat, ArticleRenderer>> = {
  async page({ site, shared, etag }, article) {
    // RFC 9110 §15.5.11: a retracted article answers 410 Gone with a page that says so.
    const body = article.retracted ? renderRetractionPage(site, article) : renderArticlePage(site, article);
    let headers: Record<string, string> = {
      ...shared,
      ETag: await etag(body),
      'Last-Modified': toHttpDate((article.retracted?.date ?? article.updated).epochMs),
      ...attributionHeaders(article, canonicalUrl(site, article)),
    };
    // RFC 8288: the partner formats as alternates, in the one Link header beside the canonical.
    for (const format of alternateFormats)
      headers = withAlternateLink(
        headers,
        absoluteUrl(site, articleFormatPath(format, article.slug)),
        articleFormats[format].alternate.type,
      );
    return article.retracted ? { body, headers, status: 410 } : { body, headers };
  },
  ninjs: (context, article) => withValidators(renderNinjs(context.site, article), article, context),
  newsml: (context, article) => withValidators(renderNewsmlItem(context.site, article), article, context),
};

/** A partner format: its bytes' ETag and the article's last update as Last-Modified. */
async function withValidators(
  body: string,
  article: Article,
  { shared, etag }: RenderContext,
): Promise<RenderedRepresentation> {
  return {
    body,
    headers: { ...shared, ETag: await etag(body), 'Last-Modified': toHttpDate(article.updated.epochMs) },
  };
}
