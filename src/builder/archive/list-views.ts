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
import { type SectionKind, sectionKinds } from '../../render/section-urls.ts';
import { type DeletedEntries, renderTombstones } from '../../render/tombstones.ts';
import { toHttpDate } from '../../shared/http-date.ts';
import { newestRetractions, tombstoneWindowMs } from '../render/listed-articles.ts';
import {
  type Section,
  type SectionGroups,
  sectionGroups,
  sectionKeysOf,
  sectionOf,
} from '../sections/section-lists.ts';
import { type ArticleColumns, articleColumns } from './article-columns.ts';
import { mergeNewest, newestDiff } from './newest-diff.ts';
import { sameObjects } from './plan-memo.ts';

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
  /** The tombstones of page 1 (recentRetractions). */
  readonly gone: readonly Article[];
}

/**
 * The release states: state 0 holds every article released at or before `releasedBy` (the publishing
 * Worker's clock), and each later release instant starts the next state. `articles` are newest first. A later
 * state is worked out from the one before it: only the lists its newly released articles (or a tombstone that came
 * or went) touch are made again, the others are the same objects, so a publish with embargoes waiting costs a pass
 * over the sections per embargo, not over the archive.
 */
export function* releaseViews(
  site: Site,
  articles: readonly Article[],
  releasedBy: number,
  recall?: SectionRecall,
): Generator<ReleaseView> {
  // Each article's release instant and dates, read once for every state (and only for new articles in --watch).
  const columns = articleColumns(articles);
  const releases = columns.release;
  let view = releaseView(site, columns, releasedBy, recall);
  yield view;
  const instants = instantsAfter(releases, releasedBy);
  if (instants.length === 0) return;
  const groups = sectionGroups(articles);
  let upTo = releasedBy;
  for (const instant of instants) {
    view = laterView(site, columns, { view, upTo, instant, groups });
    upTo = instant;
    yield view;
  }
}

/** The instants after `releasedBy` at which a scheduled article is released, ascending. */
function instantsAfter(releases: Float64Array, releasedBy: number): number[] {
  const after = new Set<number>();
  for (const instant of releases) if (instant > releasedBy) after.add(instant);
  return [...after].sort((a, b) => a - b);
}

function releaseView(
  site: Site,
  columns: ArticleColumns,
  upTo: number,
  recall: SectionRecall | undefined,
): ReleaseView {
  const state = stateOf(columns, upTo);
  const lists = [siteList(site, state), ...sectionViews(site, state, recall)];
  return { from: 0, listed: state.listed, lists, gone: state.gone };
}

/**
 * The first state's section lists as the last plan of this process made them (plan-memo.ts), with what they were made
 * from: the site (`key`), the listed articles and the tombstones.
 */
export interface SectionMemo {
  readonly key: string;
  readonly listed: readonly Article[];
  readonly gone: readonly Article[];
  readonly groups: SectionGroups;
  /** By `kind\nkey`. */
  readonly sections: ReadonlyMap<string, Section>;
  readonly lists: ReadonlyMap<string, ListView>;
}

/** What the caller knows of the last plan: `key` says what the lists depend on besides the articles (the site). */
export interface SectionRecall {
  readonly key: string;
  last?: SectionMemo;
}

/**
 * Every tag and source list of a state, tags then sources, each in key order. With the last plan's (`recall`), only
 * the sections an added or removed article is in are grouped and made again (a --watch save at 100,000 articles
 * grouped every article into ~250 sections and dated each: ~0.25 s); the rest are the same objects as before.
 */
function sectionViews(site: Site, state: ReturnType<typeof stateOf>, recall: SectionRecall | undefined): ListView[] {
  const last = recall?.last?.key === recall?.key ? recall?.last : undefined;
  let groups: SectionGroups;
  let touched: Set<string> | undefined;
  if (last) {
    const { removed, added } = newestDiff(last.listed, state.listed);
    touched = new Set();
    const changed = touched;
    const arrivals = new Map<string, Article[]>();
    const touch = (article: Article, arrived: boolean) => {
      const keys = sectionKeysOf(article);
      for (const kind of sectionKinds)
        for (const key of keys[kind]) {
          const id = `${kind}\n${key}`;
          changed.add(id);
          if (!arrived) continue;
          const here = arrivals.get(id);
          if (here) here.push(article);
          else arrivals.set(id, [article]);
        }
    };
    for (const article of removed) touch(article, false);
    for (const article of added) touch(article, true);
    const next = { tag: new Map(last.groups.tag), source: new Map(last.groups.source) };
    const gone = new Set(removed);
    for (const id of touched) {
      const [kind, key] = id.split('\n') as [SectionKind, string];
      const members = mergeNewest(last.groups[kind].get(key) ?? [], gone, arrivals.get(id) ?? []);
      if (members.length > 0) next[kind].set(key, members);
      else next[kind].delete(key);
    }
    groups = next;
  } else groups = sectionGroups(state.listed);
  const sameGone = last !== undefined && sameObjects(last.gone, state.gone);
  const sections = new Map<string, Section>();
  const lists = new Map<string, ListView>();
  const ordered: ListView[] = [];
  for (const kind of sectionKinds)
    for (const key of [...groups[kind].keys()].sort(compareKeys)) {
      const id = `${kind}\n${key}`;
      const untouched = last !== undefined && !touched?.has(id);
      const section =
        (untouched ? last.sections.get(id) : undefined) ?? sectionOf(kind, key, groups[kind].get(key) ?? []);
      const list = (untouched && sameGone ? last.lists.get(id) : undefined) ?? sectionList(site, section, state.gone);
      sections.set(id, section);
      lists.set(id, list);
      ordered.push(list);
    }
  if (recall) recall.last = { key: recall.key, listed: state.listed, gone: state.gone, groups, sections, lists };
  return ordered;
}

/**
 * What the articles released by `upTo` show: the listed ones (listedArticles), the tombstones (recentRetractions),
 * the newest date (listsUpdated), from the columns: only a retracted article and the newest one are read.
 */
function stateOf(columns: ArticleColumns, upTo: number) {
  const { articles, release, retracted, listDate, event } = columns;
  const listed: Article[] = [];
  let newestEvent = Number.NEGATIVE_INFINITY;
  let newest = -1;
  for (let index = 0; index < articles.length; index++) {
    if ((release[index] as number) > upTo) continue;
    if (Number.isNaN(retracted[index])) listed.push(articles[index] as Article);
    newestEvent = Math.max(newestEvent, event[index] as number);
    if (newest < 0 || (listDate[index] as number) > (listDate[newest] as number)) newest = index;
  }
  const since = newestEvent - tombstoneWindowMs;
  const candidates: Article[] = [];
  for (let index = 0; index < articles.length; index++)
    if ((release[index] as number) <= upTo && (retracted[index] as number) >= since)
      candidates.push(articles[index] as Article);
  const article = articles[newest];
  const updated = article && (article.retracted?.date ?? article.updated);
  return { listed, gone: newestRetractions(candidates), ...(updated ? { updated } : {}) };
}

function siteList(site: Site, { listed, gone, updated }: ReturnType<typeof stateOf>): ListView {
  return {
    id: listId(),
    members: listed,
    ...(gone.length > 0 ? { deleted: renderTombstones(site, gone) } : {}),
    ...(updated ? { updated } : {}),
    lastModified: toHttpDate(updated?.epochMs ?? 0),
  };
}

function sectionList(site: Site, section: Section, gone: readonly Article[]): ListView {
  const { articles: members, updated: newest, ...info } = section;
  const own = gone.filter((article) => sectionKeysOf(article)[info.kind].includes(info.key));
  // A withdrawal changes the section's feeds: their updated date is the latest article or retraction.
  const updated = latestDate([newest, ...own.map((article) => article.retracted?.date)]);
  return {
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
  };
}

/**
 * The state from `instant` on, from the one before it (`view`, up to `upTo`): the site list, and each section an
 * article released at `instant` is in or a tombstone that came or went names, made again from its group's articles
 * released by then; every other section list is the one before.
 */
function laterView(
  site: Site,
  columns: ArticleColumns,
  previous: { view: ReleaseView; upTo: number; instant: number; groups: SectionGroups },
): ReleaseView {
  const { view, upTo, instant, groups } = previous;
  const { articles, release: releases } = columns;
  const state = stateOf(columns, instant);
  const touched = new Set<string>();
  const touch = (article: Article) => {
    const keys = sectionKeysOf(article);
    for (const kind of sectionKinds) for (const key of keys[kind]) touched.add(`${kind}\n${key}`);
  };
  for (const [index, article] of articles.entries()) {
    const release = releases[index] as number;
    if (release > upTo && release <= instant) touch(article);
  }
  const before = new Set(view.gone);
  const after = new Set(state.gone);
  for (const article of view.gone) if (!after.has(article)) touch(article);
  for (const article of state.gone) if (!before.has(article)) touch(article);
  const sections = new Map<string, ListView>();
  for (const list of view.lists) if (list.section) sections.set(`${list.section.kind}\n${list.section.key}`, list);
  for (const id of touched) {
    const [kind, key] = id.split('\n') as [SectionKind, string];
    const members = (groups[kind].get(key) ?? []).filter(
      (article) => releaseOf(article) <= instant && article.retracted === undefined,
    );
    if (members.length > 0) sections.set(id, sectionList(site, sectionOf(kind, key, members), state.gone));
    else sections.delete(id);
  }
  const ordered = (kind: SectionKind) =>
    [...sections.values()]
      .filter((list) => list.section?.kind === kind)
      .sort((a, b) => compareKeys(a.section?.key ?? '', b.section?.key ?? ''));
  return {
    from: instant,
    listed: state.listed,
    lists: [siteList(site, state), ...ordered('tag'), ...ordered('source')],
    gone: state.gone,
  };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
