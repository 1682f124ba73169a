/**
 * What each release state shows, from the articles' metadata alone: for every instant a scheduled article is
 * released, the lists (the site's and each section's) with their members, tombstones and dates. The planner
 * stores each list once per distinct identity; this module decides membership and nothing else.
 */

import { listId } from '../../archive/root.ts';
import { type Article, type ArticleDate, releaseOf } from '../../model/article.ts';
import { latestDate } from '../../model/article-order.ts';
import type { Site } from '../../model/site.ts';
import type { SectionInfo } from '../../render/list-identity.ts';
import { type DeletedEntries, renderTombstones } from '../../render/tombstones.ts';
import { toHttpDate } from '../../shared/http-date.ts';
import { listedArticles, listsUpdated, recentRetractions } from '../render/listed-articles.ts';
import { sectionKeysOf, sectionLists } from '../sections/section-lists.ts';

/** One list as one state shows it. */
export interface ListView {
  readonly id: string;
  readonly section?: SectionInfo;
  /** Newest first. */
  readonly members: readonly Article[];
  readonly deleted?: DeletedEntries;
  /** The newest `updated` of its articles or retractions. */
  readonly updated?: ArticleDate;
  /** The newest `updated` of its articles alone (what a section directory shows). */
  readonly newest?: ArticleDate;
  readonly lastModified: string;
}

/** One release state: from `from` (ms; 0 for the first), these articles are public. */
export interface ReleaseView {
  readonly from: number;
  /** Listed (not retracted) released articles, newest first. */
  readonly listed: readonly Article[];
  /** Every list, the site's first, then tags and sources in key order. */
  readonly lists: readonly ListView[];
}

/**
 * The release states: state 0 holds every article released at or before `releasedBy` (the publishing
 * Worker's clock), and each later release instant starts the next state. `articles` are newest first.
 */
export function* releaseViews(site: Site, articles: readonly Article[], releasedBy: number): Generator<ReleaseView> {
  yield releaseView(site, articles, 0, releasedBy);
  for (const instant of scheduledInstants(articles, releasedBy)) yield releaseView(site, articles, instant, instant);
}

/** The instants after `releasedBy` at which a scheduled article is released, ascending. */
export function scheduledInstants(articles: readonly Article[], releasedBy: number): number[] {
  return [...new Set(articles.map(releaseOf).filter((instant) => instant > releasedBy))].sort((a, b) => a - b);
}

function releaseView(site: Site, articles: readonly Article[], from: number, upTo: number): ReleaseView {
  const released = articles.filter((article) => releaseOf(article) <= upTo);
  const listed = listedArticles(released);
  const gone = recentRetractions(released);
  const siteUpdated = listsUpdated(released);
  const lists: ListView[] = [
    {
      id: listId(),
      members: listed,
      ...(gone.length > 0 ? { deleted: renderTombstones(site, gone) } : {}),
      ...(siteUpdated ? { updated: siteUpdated } : {}),
      lastModified: toHttpDate(siteUpdated?.epochMs ?? 0),
    },
  ];
  const sections = sectionLists(listed);
  for (const section of [...sections.tags, ...sections.sources]) {
    const { articles: members, updated: newest, ...info } = section;
    const own = gone.filter((article) => sectionKeysOf(article)[info.kind].includes(info.key));
    // A withdrawal changes the section's feeds: their updated date is the latest article or retraction.
    const updated = latestDate([newest, ...own.map((article) => article.retracted?.date)]);
    lists.push({
      id: listId(info),
      section: {
        kind: info.kind,
        key: info.key,
        name: info.name,
        ...(info.url ? { url: info.url } : {}),
        count: info.count,
      },
      members,
      ...(own.length > 0 ? { deleted: renderTombstones(site, own) } : {}),
      ...(updated ? { updated } : {}),
      ...(newest ? { newest } : {}),
      lastModified: toHttpDate(updated?.epochMs ?? 0),
    });
  }
  return { from, listed, lists };
}
