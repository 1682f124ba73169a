/** RFC 5005 §3 paging links (first, previous, next, last) of one feed page, as URLs and as XML link elements. */
import type { Site } from '../model/site.ts';
import type { PageInfo } from './feed-page.ts';
import { listIdentity } from './list-identity.ts';
import { absoluteUrl, type FeedFormat } from './urls.ts';
import { element } from './xml.ts';

export interface PagingLinks {
  /** This page's own URL (`rel="self"`). */
  readonly self: string;
  readonly first: string;
  /** Absent on page 1. */
  readonly previous?: string;
  /** Absent on the last page. */
  readonly next?: string;
  readonly last: string;
}

export function pagingLinks(site: Site, format: FeedFormat, page: PageInfo): PagingLinks {
  const { feedPath } = listIdentity(site, page.section);
  const url = (n: number): string => absoluteUrl(site, feedPath(format, n));
  return {
    self: url(page.page),
    first: url(1),
    ...(page.page > 1 ? { previous: url(page.page - 1) } : {}),
    ...(page.page < page.pageCount ? { next: url(page.page + 1) } : {}),
    last: url(page.pageCount),
  };
}

const pagingRelations = ['first', 'previous', 'next', 'last'] as const;

/**
 * `self`, the RFC 5005 links that exist, and the WebSub hub, as `<atom:link>` (RSS) or `<link>` (Atom)
 * elements, each prefixed with `indent`. `type` is the feed's media type, set on self and paging links.
 */
export function linkElements(
  site: Site,
  links: PagingLinks,
  name: 'atom:link' | 'link',
  type: string,
  indent: string,
): string[] {
  const lines = [element(name, { rel: 'self', type, href: links.self })];
  for (const rel of pagingRelations) {
    const href = links[rel];
    if (href !== undefined) lines.push(element(name, { rel, type, href }));
  }
  // WebSub §4: the hub is announced with rel="hub" next to rel="self".
  if (site.websubHub !== undefined) lines.push(element(name, { rel: 'hub', href: site.websubHub }));
  return lines.map((line) => `${indent}${line}`);
}
