/** One archive version as the Worker serves it: its root, the release state an instant falls in, and its slug shards. */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { decodePiece, pieceLabel } from '../../archive/piece.ts';
import type { ReleaseState, RootDocument, StoredList, StoredSitemaps } from '../../archive/root.ts';
import { isShardEntry, type ShardEntry, shardOf } from '../../archive/shard.ts';
import type { ChangeLog } from '../../model/change-log.ts';
import type { Partner } from '../../model/partner.ts';
import { readPieceBytes } from './live-archive.ts';
import { storedChangeLog } from './stored-log.ts';

/** What the public sees at one instant: every list, the sitemaps, and when each next changes. */
export interface StateView {
  /** The state's position in the root (0 before the first scheduled release). */
  readonly index: number;
  readonly lists: ReadonlyMap<string, StoredList>;
  readonly sitemaps: StoredSitemaps;
  /** When list `id` next changes (ms), if a scheduled release changes it. */
  nextChange(id: string): number | undefined;
  /** When the sitemaps next change (ms), if they do. */
  readonly nextSitemapChange: number | undefined;
  /** When any list next changes (ms): the section directories depend on all of them. */
  readonly nextListChange: number | undefined;
}

export interface VersionInit {
  readonly sequence: number;
  readonly rootHash: string;
  readonly root: RootDocument;
  readonly codeVersion: string;
}

/** Shards kept per version: each holds ~512 articles' entries, a few tens of KB. */
const keptShards = 64;

export class Version {
  readonly sequence: number;
  readonly rootHash: string;
  readonly root: RootDocument;
  readonly codeVersion: string;
  readonly #views = new Map<number, StateView>();
  // What this Version keeps for every request is the data once read, never the promise of a read under way: a
  // request must not await a promise another request made (live-archive.ts says why). Requests that find nothing
  // kept yet each read for themselves; the first answer is kept.
  readonly #shards = new Map<number, readonly ShardEntry[]>();
  #partners: readonly Partner[] | undefined;

  constructor(init: VersionInit) {
    this.sequence = init.sequence;
    this.rootHash = init.rootHash;
    this.root = init.root;
    this.codeVersion = init.codeVersion;
  }

  /** The release state a request at `now` (ms) sees: the last whose `from` has come. */
  state(now: number): StateView {
    const { states } = this.root;
    let index = 0;
    while (index + 1 < states.length && (states[index + 1] as ReleaseState).from <= now) index++;
    let view = this.#views.get(index);
    if (view === undefined) {
      view = resolveState(states, index);
      this.#views.set(index, view);
    }
    return view;
  }

  /** The partners this version names (content/partners.yaml), kept once read (a failed read is not kept). */
  async partners(source: ArchiveSource): Promise<readonly Partner[]> {
    const ref = this.root.partners;
    if (ref === undefined) return [];
    if (this.#partners === undefined) {
      const { records } = await decodePiece(await readPieceBytes(source, ref), pieceLabel(ref), isPartnerList);
      this.#partners ??= records[0]?.meta ?? [];
    }
    return this.#partners;
  }

  /** The changes log up to this version. */
  changeLog(source: ArchiveSource): ChangeLog {
    return storedChangeLog(source, this.root.changes);
  }

  /** A list's version: its identity and the Worker's code, for ETags and cache keys. */
  listVersion(list: StoredList): string {
    return `${list.identity}${this.codeVersion}`;
  }

  /** The shard entry of `slug`, or undefined when this version has no such article (released or not). */
  async article(source: ArchiveSource, slug: string): Promise<ShardEntry | undefined> {
    const shard = shardOf(slug, this.root.shards.length);
    let entries = this.#shards.get(shard);
    if (entries === undefined) {
      // A failed read throws here and is not kept: the next request tries again.
      entries = await this.#readShard(source, shard);
      if (!this.#shards.has(shard)) {
        if (this.#shards.size >= keptShards) this.#shards.delete(this.#shards.keys().next().value as number);
        this.#shards.set(shard, entries);
      }
    }
    return entries.find((entry) => entry[0] === slug);
  }

  async #readShard(source: ArchiveSource, shard: number): Promise<readonly ShardEntry[]> {
    const ref = this.root.shards[shard];
    if (ref === undefined) throw new Error(`no shard ${shard}`);
    const { records } = await decodePiece(await readPieceBytes(source, ref), pieceLabel(ref), isShardEntry);
    return records.map((record) => record.meta);
  }
}

/** State `index` with every list the states up to it define, and the instants of the changes after it. */
function resolveState(states: readonly ReleaseState[], index: number): StateView {
  const lists = new Map<string, StoredList>();
  let sitemaps: StoredSitemaps | undefined;
  for (const state of states.slice(0, index + 1)) {
    for (const [id, list] of Object.entries(state.lists)) lists.set(id, list);
    if (state.sitemaps) sitemaps = state.sitemaps;
  }
  const later = states.slice(index + 1);
  const next = new Map<string, number>();
  for (const state of [...later].reverse()) for (const id of Object.keys(state.lists)) next.set(id, state.from);
  return {
    index,
    lists,
    sitemaps: sitemaps as StoredSitemaps,
    nextChange: (id) => next.get(id),
    nextSitemapChange: later.find((state) => state.sitemaps !== undefined)?.from,
    nextListChange: later.find((state) => Object.keys(state.lists).length > 0)?.from,
  };
}

/** A stored partner list: what the build wrote from partners.yaml (model/partner.ts), checked before any key is compared with it. */
function isPartnerList(meta: unknown): meta is readonly Partner[] {
  return (
    Array.isArray(meta) &&
    meta.every(
      (partner) =>
        typeof partner === 'object' &&
        partner !== null &&
        typeof partner.id === 'string' &&
        typeof partner.keySha256 === 'string' &&
        (partner.sections === 'all' || Array.isArray(partner.sections)) &&
        typeof partner.embargoed === 'boolean',
    )
  );
}
