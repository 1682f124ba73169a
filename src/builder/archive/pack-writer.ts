/** Packs pieces into content-addressed objects of about 16 MiB: a clean publish uploads a few hundred objects, not a million. */
import type { PieceRef } from '../../archive/root.ts';
import type { ArchiveCodec } from './codec.ts';

/** A sealed object: its name (SHA-256 hex of the bytes) and its bytes. */
export interface StoredObject {
  readonly hash: string;
  readonly bytes: Uint8Array;
}

/** Receives each sealed object once (uploads it, writes it to disk, puts it in R2); the writer waits for it. */
export type ObjectSink = (object: StoredObject) => Promise<void>;

/** A piece added to a pack: where it lies once the pack is sealed. */
export interface Slot {
  readonly pack: { hash?: string };
  readonly offset: number;
  readonly length: number;
}

/** Bytes an object holds before it is sealed: large enough to keep requests few, small enough for one request and little memory. */
export const packTargetBytes = 16 * 1024 * 1024;

export class PackWriter {
  readonly #codec: ArchiveCodec;
  readonly #sink: ObjectSink;
  readonly #target: number;
  #parts: Uint8Array[] = [];
  #size = 0;
  #pack: { hash?: string } = {};
  /** Objects sealed so far (hash and byte length), in order. */
  readonly sealed: { readonly hash: string; readonly length: number }[] = [];

  constructor(codec: ArchiveCodec, sink: ObjectSink, targetBytes = packTargetBytes) {
    this.#codec = codec;
    this.#sink = sink;
    this.#target = targetBytes;
  }

  /** Adds a piece's stored bytes; seals the pack first when it is full. */
  async add(bytes: Uint8Array): Promise<Slot> {
    if (this.#size > 0 && this.#size + bytes.length > this.#target) await this.seal();
    const slot = { pack: this.#pack, offset: this.#size, length: bytes.length };
    this.#parts.push(bytes);
    this.#size += bytes.length;
    return slot;
  }

  /** Seals the open pack (when it holds anything) and hands it to the sink. */
  async seal(): Promise<void> {
    if (this.#size === 0) return;
    const bytes = new Uint8Array(this.#size);
    let offset = 0;
    for (const part of this.#parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    const hash = await this.#codec.objectHash(bytes);
    this.#pack.hash = hash;
    this.sealed.push({ hash, length: bytes.length });
    this.#parts = [];
    this.#size = 0;
    this.#pack = {};
    await this.#sink({ hash, bytes });
  }
}

/** The PieceRef of a slot whose pack is sealed. */
export function refOf(slot: Slot, contentHash: string): PieceRef {
  const object = slot.pack.hash;
  if (object === undefined) throw new Error('a piece was referenced before its pack was sealed');
  return { o: object, at: slot.offset, n: slot.length, h: contentHash };
}
