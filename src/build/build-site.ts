/** Renders every route of the site once, at build time: the Worker only looks up and sends. */
import type { Article } from '../article.ts';
import { attributionHeaders } from '../http/attribution-headers.ts';
import { cacheControlValue } from '../http/cache-control.ts';
import { strongEtag } from '../http/etag.ts';
import { toHttpDate } from '../http/http-date.ts';
import { htmlSecurityHeaders } from '../http/security-headers.ts';
import { renderArticlePage } from '../render/article-page.ts';
import { renderAtom } from '../render/atom.ts';
import { renderErrorPage } from '../render/error-page.ts';
import { renderIndexPage } from '../render/index-page.ts';
import { renderJsonFeed } from '../render/json-feed.ts';
import { renderRss } from '../render/rss.ts';
import { renderRobots, renderSitemap } from '../render/sitemap.ts';
import { stylesheet, stylesheetHash } from '../render/stylesheet.ts';
import { articlePath, canonicalUrl, feedPath, indexPath } from '../render/urls.ts';
import type { CachePolicy, Site } from '../site.ts';
import type { Representation, RepresentationKind, SiteBuild } from '../site-build.ts';
import { newestFirst, newestUpdate, paginate } from './paginate.ts';

const contentTypes = {
  html: 'text/html; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  sitemap: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;

/** Headers that let any origin read a feed, and the validators it needs for polling. */
const corsHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified, Link',
};

/** The heading (reason phrase, RFC 9110 §15) and the explanation each error page shows. */
export const errorMessages: Readonly<Record<number, readonly [string, string]>> = {
  400: ['Bad Request', 'The address or its query is malformed; a page number is a whole number from 1.'],
  404: ['Not Found', 'There is no page at this address.'],
  405: ['Method Not Allowed', 'This address answers GET and HEAD only.'],
  414: ['URI Too Long', 'The address is longer than this site accepts.'],
  500: ['Internal Server Error', 'Something went wrong on our side. Please try again later.'],
};

interface Rendered {
  readonly kind: RepresentationKind;
  readonly contentType: string;
  readonly body: string;
  readonly lastModifiedMs: number;
  readonly cache: CachePolicy;
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

export async function buildSite(site: Site, unordered: readonly Article[]): Promise<SiteBuild> {
  const articles = newestFirst(unordered);
  const pages = paginate(articles, site.pageSize);
  const siteUpdatedMs = newestUpdate(articles)?.epochMs ?? 0;
  const css = stylesheet(site);
  const htmlHeaders = htmlSecurityHeaders(await stylesheetHash(css));
  const feedHeaders = { ...corsHeaders, 'X-Content-Type-Options': 'nosniff', ...websubLinks(site) };

  const rendered = new Map<string, Rendered>();
  for (const page of pages) {
    const lastModifiedMs = page.archiveUpdated?.epochMs ?? 0;
    const feed = (contentType: string, body: string): Rendered => ({
      kind: 'feed',
      contentType,
      body,
      lastModifiedMs,
      cache: site.cache.feeds,
      extraHeaders: feedHeaders,
    });
    rendered.set(indexPath(page.page), {
      kind: 'html',
      contentType: contentTypes.html,
      body: renderIndexPage(site, page),
      lastModifiedMs,
      cache: site.cache.pages,
      extraHeaders: htmlHeaders,
    });
    rendered.set(feedPath('rss', page.page), feed(contentTypes.rss, renderRss(site, page)));
    rendered.set(feedPath('atom', page.page), feed(contentTypes.atom, renderAtom(site, page)));
    rendered.set(feedPath('json', page.page), feed(contentTypes.json, renderJsonFeed(site, page)));
  }
  for (const article of articles) {
    rendered.set(articlePath(article.slug), {
      kind: 'html',
      contentType: contentTypes.html,
      body: renderArticlePage(site, article),
      lastModifiedMs: article.updated.epochMs,
      cache: site.cache.pages,
      extraHeaders: { ...htmlHeaders, ...attributionHeaders(article, canonicalUrl(site, article)) },
    });
  }
  rendered.set('/sitemap.xml', {
    kind: 'sitemap',
    contentType: contentTypes.sitemap,
    body: renderSitemap(site, articles),
    lastModifiedMs: siteUpdatedMs,
    cache: site.cache.other,
    extraHeaders: { ...corsHeaders, 'X-Content-Type-Options': 'nosniff' },
  });
  rendered.set('/robots.txt', {
    kind: 'text',
    contentType: contentTypes.text,
    body: renderRobots(site),
    lastModifiedMs: siteUpdatedMs,
    cache: site.cache.other,
    extraHeaders: { 'X-Content-Type-Options': 'nosniff' },
  });

  const routes: Record<string, Representation> = {};
  for (const [key, item] of rendered) routes[key] = await representation(item);

  const errors: Record<number, Representation> = {};
  for (const [status, [message, detail]] of Object.entries(errorMessages)) {
    errors[Number(status)] = {
      status: Number(status),
      kind: 'html',
      body: renderErrorPage(site, Number(status), message, detail),
      headers: { 'Content-Type': contentTypes.html, 'Cache-Control': 'no-store', ...htmlHeaders },
    };
  }

  return { version: await contentVersion(routes, errors), routes, errors };
}

async function representation(item: Rendered): Promise<Representation> {
  return {
    status: 200,
    kind: item.kind,
    body: item.body,
    headers: {
      'Content-Type': item.contentType,
      'Cache-Control': cacheControlValue(item.cache),
      ETag: await strongEtag(item.body),
      'Last-Modified': toHttpDate(item.lastModifiedMs),
      ...item.extraHeaders,
    },
  };
}

/** WebSub 0.4 §4: publishers advertise the hub and the topic (self) in HTTP Link headers too. */
function websubLinks(site: Site): Record<string, string> {
  return site.websubHub ? { Link: `<${site.websubHub}>; rel="hub"` } : {};
}

/** One hash over every route's key, ETag and status: changes whenever any served byte changes. */
async function contentVersion(
  routes: Readonly<Record<string, Representation>>,
  errors: Readonly<Record<number, Representation>>,
): Promise<string> {
  const lines = Object.keys(routes)
    .sort()
    .map((key) => `${key} ${routes[key]?.headers.ETag}`);
  for (const status of Object.keys(errors).sort())
    lines.push(`${status} ${await strongEtag(errors[Number(status)]?.body ?? '')}`);
  return (await strongEtag(lines.join('\n'))).replaceAll('"', '');
}
