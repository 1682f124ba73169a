/** Stores the root-level pieces of a version (shards, heads, spines, sitemaps): each by content hash, so an unchanged piece is never stored twice. */
import { type EncodedRecord, encodeRecordBytes } from '../../archive/record-file.ts';
import type { PieceRef } from '../../archive/root.ts';
import type { ArchiveCodec } from './codec.ts';
import { type PackWriter, refOf, type Slot } from './pack-writer.ts';

/** A stored piece: its ref now (reused), or once its pack is sealed (new). */
export type PendingRef = { readonly ref: PieceRef } | { readonly slot: Slot; readonly h: string };

export class PieceStore {
  readonly #codec: ArchiveCodec;
  readonly #packs: PackWriter;
  readonly #known: ReadonlyMap<string, PieceRef>;
  readonly #added = new Map<string, PendingRef>();
  /** Pieces reused from the previous version, and stored new. */
  reused = 0;
  stored = 0;

  constructor(codec: ArchiveCodec, packs: PackWriter, known: ReadonlyMap<string, PieceRef>) {
    this.#codec = codec;
    this.#packs = packs;
    this.#known = known;
  }

  /** The previous version's piece of content hash `h`, when it has one (a piece known unchanged without encoding it). */
  reuse(h: string): PendingRef | undefined {
    const previous = this.#known.get(h);
    if (previous === undefined) return undefined;
    this.reused++;
    return { ref: previous };
  }

  /** The piece of `records`: the previous version's when it held the same bytes, else compressed and packed. */
  async put<M>(records: readonly EncodedRecord<M>[]): Promise<PendingRef> {
    const bytes = encodeRecordBytes(records);
    const h = await this.#codec.contentHash(bytes);
    const previous = this.#known.get(h);
    if (previous) {
      this.reused++;
      return { ref: previous };
    }
    const added = this.#added.get(h);
    if (added) return added;
    const pending = { slot: await this.#packs.add(await this.#codec.compress(bytes)), h };
    this.#added.set(h, pending);
    this.stored++;
    return pending;
  }
}

/** The ref of a pending piece, once its pack is sealed. */
export function resolveRef(pending: PendingRef): PieceRef {
  return 'ref' in pending ? pending.ref : refOf(pending.slot, pending.h);
}
