/**
 * Plans one archive version from the articles and the version before it: renders what changed into blocks,
 * packs every new piece into content-addressed objects (handed to `sink` as they are sealed), and returns the
 * root document that names them all. What is unchanged (an article by its identity, a piece by its content
 * hash, a list by its identity) is taken from `previous` and never stored again.
 */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { offsetInBlock } from '../../archive/block.ts';
import { emptyChangeLog, type StoredChangeLog } from '../../archive/changes-log.ts';
import type { Inventory } from '../../archive/inventory.ts';
import { encodeRecordBytes } from '../../archive/record-file.ts';
import {
  type PieceRef,
  type ReleaseState,
  type RootDocument,
  rootFormat,
  type StoredList,
  type StoredSitemaps,
} from '../../archive/root.ts';
import { type ShardEntry, shardCountFor, shardOf } from '../../archive/shard.ts';
import { type SpineEntry, spinePieceCount, spineRange, spineSize } from '../../archive/spine.ts';
import { type Article, releaseOf } from '../../model/article.ts';
import { articleFormatNames } from '../../model/article-formats.ts';
import type { Partner } from '../../model/partner.ts';
import type { Site } from '../../model/site.ts';
import { listFormats } from '../../render/urls.ts';
import { type RenderedBlock, renderFragments } from '../render/block.ts';
import { sectionIdsOf } from '../sections/section-lists.ts';
import type { ArchiveCodec } from './codec.ts';
import { type ListView, type ReleaseView, releaseViews } from './list-views.ts';
import { newestDiff } from './newest-diff.ts';
import { type ObjectSink, PackWriter, type Slot } from './pack-writer.ts';
import { type PendingRef, PieceStore, resolveRef } from './piece-store.ts';
import { appendToLog, changeRecords, resolveLog } from './plan-changes.ts';
import { type MemberRun, newPlanMemo, type PlanMemo, remember, type SpineRun, sameObjects } from './plan-memo.ts';
import type { SiteRepresentations } from './site-representations.ts';
import { defaultUrlsPerSitemap, type RenderedParts, type SitemapTexts, sitemapTexts } from './sitemap-pieces.ts';

/** What a published version holds, as the next plan reuses it (kept by the build, or read back from the archive). */
export interface ArchiveState {
  /** The root document's object (SHA-256 hex); undefined before the first publish. */
  readonly root?: string;
  /** Every article of the version, by slug. */
  readonly articles: ReadonlyMap<string, ShardEntry>;
  /** Its root-level pieces (shards, heads, spines, sitemaps) by content hash. */
  readonly pieces: ReadonlyMap<string, PieceRef>;
  /** Its slug shards in order (absent in a state kept by an older publisher: every shard is encoded again). */
  readonly shards?: readonly PieceRef[];
  /** Its lists by identity: an unchanged list keeps its head and spine. */
  readonly lists: ReadonlyMap<string, StoredList>;
  /** The root whose articles the search index holds, when the publisher knows it is in step. */
  readonly searchIndexed?: string;
  /** Its changes log (every record ever appended). */
  readonly changes?: StoredChangeLog;
}

export const emptyArchiveState: ArchiveState = { articles: new Map(), pieces: new Map(), lists: new Map() };

/**
 * Renders the blocks of `articles` (their order) and hands each to `each` in that order, the raw fragments kept
 * for the articles in `keep`; it may run them on threads, and waits for `each` before handing more.
 */
export type BlockRenderer = (
  articles: readonly Article[],
  keep: ReadonlySet<Article>,
  each: (index: number, block: RenderedBlock) => Promise<void>,
) => Promise<void>;

export interface PlanArchiveOptions {
  readonly site: Site;
  /** Every article (drafts excluded), newest first. */
  readonly articles: readonly Article[];
  /** Each article's identity: a hash of everything it is rendered from (content, pictures, site, code). */
  readonly identities: Pick<ReadonlyMap<Article, string>, 'get'> & {
    /** What every identity carries of the site and the code: the same article has the same identity under one tag. */
    readonly tag?: string;
  };
  /** The version to build on. @default an empty archive */
  readonly previous?: ArchiveState;
  /** Articles released at or before this instant (ms, the Worker's clock) are public in state 0. */
  readonly releasedBy: number;
  readonly renderBlocks: BlockRenderer;
  readonly representations: SiteRepresentations;
  readonly codec: ArchiveCodec;
  readonly sink: ObjectSink;
  /** Published picture names, for the inventory. @default none */
  readonly media?: readonly string[];
  /** This publish's number in the changes log: the live version's sequence plus one. @default 1 */
  readonly sequence?: number;
  /** Reads the previous version's log pieces when the new tail is merged with them. */
  readonly source?: ArchiveSource;
  /** content/partners.yaml's partners (no secret in them). @default none */
  readonly partners?: readonly Partner[];
  /** URLs per sitemap part. @default 10,000 */
  readonly urlsPerSitemap?: number;
  /** Bytes an object holds before it is sealed. @default 16 MiB */
  readonly packBytes?: number;
  /** Told as blocks are rendered or reused: `done` of `total` articles. */
  readonly progress?: (done: number, total: number) => void;
  /** What the last plan of this process left (plan-memo.ts); updated with this plan's. @default none kept */
  readonly memo?: PlanMemo;
}

export interface PlanReport {
  readonly articles: number;
  readonly rendered: number;
  readonly reused: number;
  readonly pieces: { readonly stored: number; readonly reused: number };
  /** Objects sealed by this plan (the root and inventory included) and their bytes. */
  readonly objects: number;
  readonly bytes: number;
  /** Release instants (ms) after `releasedBy`, ascending: the scheduled states. */
  readonly scheduled: readonly number[];
  /** Records this publish appended to the changes log. */
  readonly changes: number;
}

export interface PlannedArchive {
  readonly root: RootDocument;
  readonly rootHash: string;
  readonly state: ArchiveState;
  readonly report: PlanReport;
  /** Against `previous`: the articles rendered (new, or a new identity) and the slugs no longer in the archive. */
  readonly changed: { readonly articles: readonly Article[]; readonly removed: readonly string[] };
}

const encoder = new TextEncoder();
const empty = new Uint8Array();

export async function planArchive(options: PlanArchiveOptions): Promise<PlannedArchive> {
  const { site, articles, identities, codec, representations } = options;
  const previous = options.previous ?? emptyArchiveState;
  const memo = options.memo ?? newPlanMemo();
  const packs = new PackWriter(codec, options.sink, options.packBytes);
  const pieces = new PieceStore(codec, packs, previous.pieces);
  const identityOf = (article: Article): string => {
    const identity = identities.get(article);
    if (identity === undefined) throw new Error(`${article.file}: no identity`);
    return identity;
  };

  // 1. What each release state shows, and which lists are new (not in the previous version, not seen yet).
  const siteKey = await codec.contentHash(encoder.encode(JSON.stringify(site)));
  const views: { readonly view: ReleaseView; readonly ids: Map<string, string> }[] = [];
  const newLists = new Map<string, ListView>();
  // A later state shares the lists its releases do not touch with the state before (list-views.ts): hashed once.
  const hashed = new Map<ListView, string>();
  const runs = new MemberRuns(codec, identityOf, memo.runs);
  const recall = { key: siteKey, ...(memo.sections ? { last: memo.sections } : {}) };
  for (const view of releaseViews(site, articles, options.releasedBy, recall)) {
    const ids = new Map<string, string>();
    for (const list of view.lists) {
      const identity = hashed.get(list) ?? (await listIdentity(siteKey, list, runs));
      hashed.set(list, identity);
      ids.set(list.id, identity);
      if (!previous.lists.has(identity) && !newLists.has(identity)) newLists.set(identity, list);
    }
    views.push({ view, ids });
  }
  // Page 1 of a new list needs its newest articles' fragments as text.
  const headMembers = new Set<Article>();
  for (const list of newLists.values())
    for (const article of list.members.slice(0, site.pageSize)) headMembers.add(article);

  // 2. Blocks: each article's pieces, rendered unless the previous version has the same identity.
  // The previous version's entries are the start, copied whole (100,000 inserts one by one were ~0.3 s of a
  // one-article publish); a rendered article's entry replaces its slug's below, a slug that left is deleted.
  const entries = new Map<string, ShardEntry>(previous.articles);
  const toRender: Article[] = [];
  const removed: string[] = [];
  // On the version the last plan of this process made, under the same tag, an article it planned (the same object)
  // has its entry with its identity: only what the walk of the two lists finds new or gone is looked at.
  const stepKey = identities.tag === undefined ? undefined : `${siteKey}\n${identities.tag}`;
  const lastStep =
    stepKey !== undefined && memo.step?.key === stepKey && memo.step.entries === previous.articles
      ? memo.step
      : undefined;
  const diff = lastStep && newestDiff(lastStep.articles, articles);
  let matched = 0;
  for (const article of diff?.added ?? articles) {
    const kept = entries.get(article.slug);
    if (kept !== undefined) matched++;
    if (kept === undefined || kept[7] !== identityOf(article)) toRender.push(article);
  }
  if (diff) {
    // An edited article left as its old object and came as its new one: its slug stays.
    const current = new Set(diff.added.map((article) => article.slug));
    for (const article of diff.removed)
      if (!current.has(article.slug) && entries.delete(article.slug)) removed.push(article.slug);
  } else if (matched < previous.articles.size) {
    // Slugs no longer in the archive: none when every previous slug is still there (slugs are unique, loadContent).
    const current = new Set(articles.map((article) => article.slug));
    for (const slug of previous.articles.keys())
      if (!current.has(slug)) {
        removed.push(slug);
        entries.delete(slug);
      }
  }
  const fragments = new Map<Article, readonly Uint8Array[]>();
  // Only where each block lies is kept: its bytes are in the pack (sealed and handed on when full).
  const rendered: { article: Article; slot: Slot; lengths: number[]; etags: readonly string[] }[] = [];
  let done = articles.length - toRender.length;
  options.progress?.(done, articles.length);
  await options.renderBlocks(toRender, headMembers, async (index, block) => {
    const article = toRender[index] as Article;
    // One add: an article's pieces lie back to back, so one offset and the lengths place each.
    const slot = await packs.add(block.bytes);
    rendered.push({ article, slot, lengths: [...block.lengths], etags: block.etags });
    if (block.fragments) fragments.set(article, block.fragments);
    options.progress?.(++done, articles.length);
  });
  await packs.seal();
  for (const { article, slot, lengths, etags } of rendered) {
    const object = slot.pack.hash as string;
    entries.set(article.slug, [
      article.slug,
      releaseOf(article),
      sectionIdsOf(article),
      object,
      slot.offset,
      lengths,
      etags,
      identityOf(article),
      article.retracted ? -1 : (article.corrections?.length ?? 0),
    ]);
  }

  // 3. Slug shards. An unchanged article keeps the previous version's entry object, so a shard none of whose
  // members is new, changed or gone holds the same bytes: its piece is reused without encoding and hashing it
  // again (at 100,000 articles that was ~0.6 s of a one-article publish).
  // Only the touched shards' members are gathered and sorted.
  const shardCount = shardCountFor(entries.size);
  const previousShards = previous.shards?.length === shardCount ? previous.shards : undefined;
  const touched = new Set<number>();
  if (previousShards)
    for (const slug of [...toRender.map((article) => article.slug), ...removed]) touched.add(shardOf(slug, shardCount));
  const membersOf = (wanted: (index: number) => boolean): ShardEntry[][] => {
    const members: ShardEntry[][] = Array.from({ length: shardCount }, () => []);
    for (const entry of entries.values()) {
      const index = shardOf(entry[0], shardCount);
      if (wanted(index)) members[index]?.push(entry);
    }
    for (const list of members) list.sort((a, b) => compare(a[0], b[0]));
    return members;
  };
  const touchedMembers = membersOf((index) => !previousShards || touched.has(index));
  let everyMember: ShardEntry[][] | undefined;
  const shards: PendingRef[] = [];
  for (let index = 0; index < shardCount; index++) {
    const kept = previousShards && !touched.has(index) ? previousShards[index] : undefined;
    const reused = kept && pieces.reuse(kept.h);
    if (reused) {
      shards.push(reused);
      continue;
    }
    // A kept shard the previous pieces do not hold (never, unless the state was damaged): its members after all.
    if (kept) everyMember ??= membersOf(() => true);
    const members = (kept ? everyMember : touchedMembers)?.[index] ?? [];
    shards.push(await pieces.put(members.map((meta) => ({ meta, bytes: empty }))));
  }

  // 4. New lists: page 1 in each format, and the spine. A spine piece of the same entries as one already put (a later
  // release state's site list shares all but its newest pieces with the state before) is not encoded again.
  // The last plan's spine pieces hold the entries it made: taken only on the version it made, under the same tag.
  const spines = new SpinePieces(pieces, lastStep ? memo.spines : new Map(), (article) => entries.get(article.slug));
  const pendingLists = new Map<string, { list: ListView; head?: PendingRef[]; spine: PendingRef[] }>();
  for (const [identity, list] of newLists) {
    const heads = list.members.slice(0, site.pageSize);
    let head: PendingRef[] | undefined;
    if (heads.length > 0) {
      // Rendered here once a publish: a later release state's new site list has the same newest articles but one.
      const texts = heads.map((article) => {
        const kept = fragments.get(article);
        if (kept) return kept;
        const made = renderFragments(site, article);
        fragments.set(article, made);
        return made;
      });
      head = [];
      for (let format = 0; format < listFormats.length; format++)
        head.push(await pieces.put(texts.map((parts) => ({ meta: 0, bytes: parts[format] ?? empty }))));
    }
    // Pieces count from the oldest member; each is handed over as its members, newest first.
    const { members } = list;
    const spine: PendingRef[] = [];
    for (let piece = 0; piece < spinePieceCount(members.length); piece++) {
      const { from, to } = spineRange(piece, members.length, site.pageSize);
      spine.push(await spines.put(members.slice(members.length - to, members.length - from)));
    }
    pendingLists.set(identity, { list, ...(head ? { head } : {}), spine });
  }

  // 5a. The changes this publish appends to the log, and the partners it names.
  const sequence = options.sequence ?? 1;
  const previousLog = previous.changes ?? emptyChangeLog;
  const records = changeRecords(
    previous.articles,
    entries,
    sequence,
    Math.max(options.releasedBy, previousLog.lastAt),
    [...toRender.map((article) => article.slug), ...removed],
  );
  const log = await appendToLog(previousLog, records, sequence, pieces, options.source);
  const partners =
    options.partners && options.partners.length > 0
      ? await pieces.put([{ meta: [...options.partners].sort((a, b) => (a.id < b.id ? -1 : 1)), bytes: empty }])
      : undefined;

  // 5b. Sitemaps of each state (a later state keeps the earlier one's when nothing in them changed).
  const sitemaps: ({ parts: PendingRef[]; updated: readonly string[]; news: PendingRef } | undefined)[] = [];
  let before: SitemapTexts | undefined;
  const urls = options.urlsPerSitemap ?? defaultUrlsPerSitemap;
  const sitemapKey = `${siteKey}\n${urls}`;
  const renderedParts: RenderedParts = memo.sitemaps.key === sitemapKey ? memo.sitemaps.parts : new Map();
  for (const { view } of views) {
    const texts = sitemapTexts(site, view.listed, view.lists, urls, renderedParts);
    if (before && sameSitemaps(before, texts)) {
      sitemaps.push(undefined);
      continue;
    }
    before = texts;
    const parts: PendingRef[] = [];
    for (const text of texts.parts) parts.push(await pieces.put([{ meta: 0, bytes: encoder.encode(text) }]));
    const news = await pieces.put([{ meta: 0, bytes: encoder.encode(texts.news) }]);
    sitemaps.push({ parts, updated: texts.updated, news });
  }
  await packs.seal();
  // What this plan hashed, stored and rendered, for the next plan of this process.
  memo.runs = runs.next;
  memo.spines = spines.next;
  memo.step = stepKey === undefined ? undefined : { key: stepKey, articles, entries };
  memo.sitemaps = { key: sitemapKey, parts: renderedParts };
  if (recall.last) memo.sections = recall.last;

  // 6. Resolve every piece to where it lies; build the states.
  const lists = new Map<string, StoredList>(previous.lists);
  for (const [identity, { list, head, spine }] of pendingLists) {
    const refs = head?.map(resolveRef);
    lists.set(identity, {
      identity,
      count: list.members.length,
      ...(list.updated ? { updated: list.updated } : {}),
      ...(list.newest ? { newest: list.newest } : {}),
      lastModified: list.lastModified,
      ...(list.section ? { section: list.section } : {}),
      ...(list.deleted ? { deleted: list.deleted } : {}),
      ...(refs ? { head: Object.fromEntries(listFormats.map((format, index) => [format, refs[index]])) } : {}),
      spine: spine.map(resolveRef),
    } as StoredList);
  }
  const states: ReleaseState[] = [];
  let shown = new Map<string, string>();
  for (const [index, { view, ids }] of views.entries()) {
    const changed: Record<string, StoredList> = {};
    for (const [id, identity] of ids) if (shown.get(id) !== identity) changed[id] = lists.get(identity) as StoredList;
    shown = ids;
    const maps = sitemaps[index];
    const stored: StoredSitemaps | undefined = maps && {
      parts: maps.parts.map(resolveRef),
      updated: maps.updated,
      news: resolveRef(maps.news),
    };
    states.push({ from: view.from, lists: changed, ...(stored ? { sitemaps: stored } : {}) });
  }
  const usedLists = new Map<string, StoredList>();
  for (const { ids } of views)
    for (const identity of ids.values()) usedLists.set(identity, lists.get(identity) as StoredList);

  // 7. Inventory and root: each an object of its own.
  const shardRefs = shards.map(resolveRef);
  const changes = resolveLog(log);
  const partnersRef = partners && resolveRef(partners);
  const rootPieces = [
    ...changes.segments,
    ...(changes.scheduled ? [changes.scheduled] : []),
    ...(partnersRef ? [partnersRef] : []),
    ...shardRefs,
    ...[...usedLists.values()].flatMap((list) => [...Object.values(list.head ?? {}), ...list.spine]),
    ...states.flatMap((state) => (state.sitemaps ? [...state.sitemaps.parts, state.sitemaps.news] : [])),
  ];
  const objects = new Set<string>(rootPieces.map((ref) => ref.o));
  for (const entry of entries.values()) objects.add(entry[3]);
  const inventory: Inventory = { objects: [...objects].sort(), media: [...(options.media ?? [])].sort() };
  const inventoryRef = await storeAlone(codec, options.sink, { meta: inventory, bytes: empty });
  const siteList = views[0]?.view.lists[0];
  const root: RootDocument = {
    format: rootFormat,
    site,
    headers: representations.headers,
    robots: await representations.robots(siteList?.lastModified ?? 'Thu, 01 Jan 1970 00:00:00 GMT'),
    errors: representations.errors,
    shards: shardRefs,
    states,
    inventory: inventoryRef,
    changes,
    ...(partnersRef ? { partners: partnersRef } : {}),
  };
  const rootRef = await storeAlone(codec, options.sink, { meta: 0, bytes: encoder.encode(JSON.stringify(root)) });

  return {
    root,
    rootHash: rootRef.o,
    state: {
      root: rootRef.o,
      articles: entries,
      pieces: new Map(rootPieces.map((ref) => [ref.h, ref])),
      shards: shardRefs,
      lists: new Map([...usedLists].map(([identity, list]) => [identity, list])),
      changes,
    },
    report: {
      articles: articles.length,
      rendered: toRender.length,
      reused: articles.length - toRender.length,
      pieces: { stored: pieces.stored, reused: pieces.reused },
      objects: packs.sealed.length + 2,
      bytes: packs.sealed.reduce((sum, object) => sum + object.length, 0) + inventoryRef.n + rootRef.n,
      scheduled: views.slice(1).map(({ view }) => view.from),
      changes: records.length,
    },
    changed: { articles: toRender, removed },
  };
}

/**
 * The hash of everything a list's pages show: its id, section, dates, tombstones, the site, and its members in order.
 * The members are hashed in runs of `spineSize` counted from the oldest, so a new article changes only the newest
 * run's hash, and a run of the same articles as in the last plan is not hashed again (plan-memo.ts).
 */
async function listIdentity(siteKey: string, list: ListView, runs: MemberRuns): Promise<string> {
  const { members, ...rest } = list;
  const hashes: string[] = [];
  for (let end = members.length; end > 0; end -= spineSize)
    hashes.push(await runs.hash(members.slice(Math.max(0, end - spineSize), end)));
  return runs.hashText(`${siteKey}\n${JSON.stringify(rest)}\n${hashes.join('\n')}`);
}

/** Hashes of runs of list members: each run's identities joined, remembered by the run's oldest member. */
class MemberRuns {
  readonly #codec: ArchiveCodec;
  readonly #identityOf: (article: Article) => string;
  readonly #memo: ReadonlyMap<Article, readonly MemberRun[]>;
  /** The runs hashed or reused in this plan. */
  readonly next = new Map<Article, MemberRun[]>();

  constructor(
    codec: ArchiveCodec,
    identityOf: (article: Article) => string,
    memo: ReadonlyMap<Article, readonly MemberRun[]>,
  ) {
    this.#codec = codec;
    this.#identityOf = identityOf;
    this.#memo = memo;
  }

  /** The hash of `members` (newest first, non-empty). */
  async hash(members: readonly Article[]): Promise<string> {
    const oldest = members[members.length - 1] as Article;
    // The same objects, and the same identities at both ends: an identity tag changes with the site or the code.
    const ends = `${this.#identityOf(oldest)}\n${this.#identityOf(members[0] as Article)}`;
    const same = (run: MemberRun) => run.ends === ends && sameObjects(run.members, members);
    const hashed = this.next.get(oldest)?.find(same);
    if (hashed) return hashed.hash;
    const run = this.#memo.get(oldest)?.find(same) ?? {
      members,
      ends,
      hash: await this.hashText(members.map(this.#identityOf).join('\n')),
    };
    remember(this.next, oldest, run);
    return run.hash;
  }

  async hashText(text: string): Promise<string> {
    return this.#codec.contentHash(encoder.encode(text));
  }
}

/**
 * Spine pieces put in this plan, by their oldest member: a piece of the same members (the same objects) is put once. A
 * piece of the same members as one of the last plan (plan-memo.ts; the caller passes its memo only when the entries
 * are those the last plan made) is reused by its hash, unencoded, when the version built on holds it. Only a piece
 * put here looks its members' entries up (a --watch save at 100,000 articles looked up every member of every list).
 */
class SpinePieces {
  readonly #pieces: PieceStore;
  readonly #memo: ReadonlyMap<Article, readonly SpineRun[]>;
  readonly #entryOf: (article: Article) => ShardEntry | undefined;
  readonly #put = new Map<Article, { members: readonly Article[]; ref: PendingRef }[]>();
  /** The pieces of this plan, for the next. */
  readonly next = new Map<Article, SpineRun[]>();

  constructor(
    pieces: PieceStore,
    memo: ReadonlyMap<Article, readonly SpineRun[]>,
    entryOf: (article: Article) => ShardEntry | undefined,
  ) {
    this.#pieces = pieces;
    this.#memo = memo;
    this.#entryOf = entryOf;
  }

  /** The piece of `members` (newest first, non-empty): their entries, oldest first. */
  async put(members: readonly Article[]): Promise<PendingRef> {
    const oldest = members[members.length - 1] as Article;
    const same = this.#put.get(oldest)?.find((candidate) => sameObjects(candidate.members, members));
    if (same) return same.ref;
    const known = this.#memo.get(oldest)?.find((candidate) => sameObjects(candidate.members, members));
    const ref =
      (known && this.#pieces.reuse(known.h)) ??
      (await this.#pieces.put(
        members.map((_, index) => ({
          meta: spineEntry(this.#entryOf(members[members.length - 1 - index] as Article)),
          bytes: empty,
        })),
      ));
    remember(this.#put, oldest, { members, ref });
    remember(this.next, oldest, { members, h: 'ref' in ref ? ref.ref.h : ref.h });
    return ref;
  }
}

/** Where an article's four fragments lie, from its shard entry. */
function spineEntry(entry: ShardEntry | undefined): SpineEntry {
  if (entry === undefined) throw new Error('a listed article has no block');
  const lengths = entry[5];
  const first = articleFormatNames.length;
  const [rss = 0, atom = 0, json = 0, index = 0] = lengths.slice(first);
  return [entry[3], entry[4] + offsetInBlock(lengths, first), rss, atom, json, index];
}

/** A piece that is an object of its own (the inventory, the root): compressed, named by its hash, handed to the sink. */
async function storeAlone<M>(
  codec: ArchiveCodec,
  sink: ObjectSink,
  record: { meta: M; bytes: Uint8Array },
): Promise<PieceRef> {
  const raw = encodeRecordBytes([record]);
  const bytes = await codec.compress(raw);
  const hash = await codec.objectHash(bytes);
  await sink({ hash, bytes });
  return { o: hash, at: 0, n: bytes.length, h: await codec.contentHash(raw) };
}

/** The same sitemaps: compared text by text (a JSON key of every part was ~0.1 s of a publish at 100,000). */
function sameSitemaps(a: SitemapTexts, b: SitemapTexts): boolean {
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((text, index) => text === y[index]);
  return a.news === b.news && same(a.parts, b.parts) && same(a.updated, b.updated);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
