/**
 * The isolate's view of the archive: which version is live (the pointer, read again when older than the
 * freshness interval; a failed read keeps the last version known), that version's root document, and the
 * release state a request at a given instant sees.
 */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { parseLivePointer } from '../../archive/live-pointer.ts';
import { pieceLabel } from '../../archive/piece.ts';
import type { PieceRef, RootDocument } from '../../archive/root.ts';
import { decodeRoot } from '../../archive/root-codec.ts';
import { StoredFileError } from '../../archive/stored-file-error.ts';
import { Version } from './version.ts';

/** No version was ever published to this archive (or the isolate never read one): a 503 that says so. */
export class NotPublishedError extends Error {
  constructor() {
    super('nothing has been published to the archive yet');
    this.name = 'NotPublishedError';
  }
}

export interface LiveArchiveOptions {
  /** How long the isolate serves a pointer before reading it again (ms). @default 1000 */
  readonly freshnessMs?: number;
  /** The Worker's code version, folded into every list's ETag and cache key. */
  readonly codeVersion: string;
  /** The clock. @default Date.now */
  readonly now?: () => number;
}

export class LiveArchive {
  readonly #freshnessMs: number;
  /** The Worker's code version, folded into list ETags and cache keys. */
  readonly codeVersion: string;
  readonly #now: () => number;
  #current: { readonly tag: string; readonly version: Version } | undefined;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #reading: Promise<Version> | undefined;

  constructor(options: LiveArchiveOptions) {
    this.#freshnessMs = options.freshnessMs ?? 1000;
    this.codeVersion = options.codeVersion;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The live version: the one this isolate knows while it is fresh (no promise: a 304 costs no turn of the
   * event loop), else the pointer read again. Only one read is in flight per isolate.
   */
  version(source: ArchiveSource): Version | Promise<Version> {
    if (this.#current && this.#now() - this.#checkedAt < this.#freshnessMs) return this.#current.version;
    this.#reading ??= this.#refresh(source).finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  /** The version this isolate serves now, if it ever read one (for error pages in the site's look). */
  get known(): Version | undefined {
    return this.#current?.version;
  }

  /** Serves `root` now (the publish endpoint's own switch), without waiting for the next read of the pointer. */
  adopt(tag: string, sequence: number, rootHash: string, root: RootDocument): void {
    this.#current = { tag, version: new Version({ sequence, rootHash, root, codeVersion: this.codeVersion }) };
    this.#checkedAt = this.#now();
  }

  async #refresh(source: ArchiveSource): Promise<Version> {
    const known = this.#current;
    try {
      const stored = await source.live(known?.tag);
      if (stored === undefined) throw new NotPublishedError();
      if (stored !== 'unchanged') {
        const pointer = parseLivePointer(stored.text);
        if (pointer === undefined) throw new StoredFileError('live', 'is not a live pointer');
        const version =
          known?.version.rootHash === pointer.root
            ? known.version
            : new Version({
                sequence: pointer.sequence,
                rootHash: pointer.root,
                root: await readRoot(source, pointer.root),
                codeVersion: this.codeVersion,
              });
        this.#current = { tag: stored.tag, version };
      }
      this.#checkedAt = this.#now();
      return (this.#current as { version: Version }).version;
    } catch (error) {
      // A pointer or root that cannot be read keeps the last version this isolate served (SPEC: freshness).
      if (known === undefined) throw error;
      console.error(`wirefeed: live pointer read failed, serving version ${known.version.sequence}:`, String(error));
      this.#checkedAt = this.#now();
      return known.version;
    }
  }
}

/** The root document named by the pointer: a whole object, checked like every piece. */
async function readRoot(source: ArchiveSource, hash: string): Promise<RootDocument> {
  const bytes = await source.object(hash);
  if (bytes === undefined) throw new StoredFileError(`objects/${hash}`, 'is missing');
  return decodeRoot(bytes, hash);
}

/** The stored bytes of a piece: a ranged read, missing or short is a storage fault. */
export async function readPieceBytes(source: ArchiveSource, ref: PieceRef): Promise<Uint8Array> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await source.range(ref.o, ref.at, ref.n);
  } catch (error) {
    throw new StoredFileError(pieceLabel(ref), `could not be read (${String(error)})`);
  }
  if (bytes === undefined) throw new StoredFileError(pieceLabel(ref), 'is missing');
  if (bytes.length !== ref.n) throw new StoredFileError(pieceLabel(ref), `is ${bytes.length} bytes, not ${ref.n}`);
  return bytes;
}
