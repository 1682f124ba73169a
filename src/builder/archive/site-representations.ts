/** The responses that depend on the site alone: shared headers per family, robots.txt, error pages and each article format's headers. */
import type { Representation, RootDocument } from '../../archive/root.ts';
import { type ArticleFormat, articleFormatNames, articleFormats } from '../../model/article-formats.ts';
import { kindHeaders, responseKinds } from '../../model/response-kinds.ts';
import type { Site } from '../../model/site.ts';
import { renderErrorPage } from '../../render/error-page.ts';
import { htmlSecurityHeaders } from '../../render/headers/security-headers.ts';
import { renderRobots } from '../../render/sitemap.ts';
import { stylesheet, stylesheetHash } from '../../render/stylesheet.ts';
import type { TextEtag } from './codec.ts';

/** The heading (reason phrase, RFC 9110 §15) and the explanation each error page shows. */
export const errorMessages: Readonly<Record<number, readonly [string, string]>> = {
  400: ['Bad Request', 'The address or its query is malformed; a page number is a whole number from 1.'],
  404: ['Not Found', 'There is no page at this address.'],
  405: ['Method Not Allowed', 'This address answers GET and HEAD only.'],
  414: ['URI Too Long', 'The address is longer than this site accepts.'],
  500: ['Internal Server Error', 'Something went wrong on our side. Please try again later.'],
  503: ['Service Unavailable', 'This page cannot be read from storage right now. Please try again in a minute.'],
};

export interface SiteRepresentations {
  readonly headers: RootDocument['headers'];
  /** Each per-article format's shared headers (type, cache, CORS, security). */
  readonly formatHeaders: Readonly<Record<ArticleFormat, Readonly<Record<string, string>>>>;
  readonly errors: Readonly<Record<number, Representation>>;
  /** robots.txt with `lastModified` as its Last-Modified. */
  robots(lastModified: string): Promise<Representation>;
}

export async function siteRepresentations(site: Site, etag: TextEtag): Promise<SiteRepresentations> {
  const security = htmlSecurityHeaders(await stylesheetHash(stylesheet(site)));
  const formatHeaders = Object.fromEntries(
    articleFormatNames.map((format) => {
      const kind = responseKinds[articleFormats[format].kind];
      return [format, kindHeaders(kind, site, kind.mediaType === 'text/html' ? { security } : {})];
    }),
  ) as Record<ArticleFormat, Record<string, string>>;
  const errors: Record<number, Representation> = {};
  for (const [status, [message, detail]] of Object.entries(errorMessages))
    errors[Number(status)] = {
      status: Number(status),
      body: renderErrorPage(site, Number(status), message, detail),
      headers: kindHeaders(responseKinds.error, site, { security }),
    };
  const robotsBody = renderRobots(site);
  const robotsEtag = await etag(robotsBody);
  return {
    headers: {
      html: kindHeaders(responseKinds.list, site, { security }),
      rss: kindHeaders(responseKinds.rss, site),
      atom: kindHeaders(responseKinds.atom, site),
      json: kindHeaders(responseKinds.json, site),
      sitemap: kindHeaders(responseKinds.sitemap, site),
    },
    formatHeaders,
    errors,
    robots: async (lastModified) => ({
      status: 200,
      body: robotsBody,
      headers: { ...kindHeaders(responseKinds.robots, site), ETag: robotsEtag, 'Last-Modified': lastModified },
    }),
  };
}
