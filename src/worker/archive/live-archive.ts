/**
 * The isolate's view of the archive: which version is live (the pointer, read again when older than the
 * freshness interval; a failed read keeps the last version known), that version's root document, and the
 * release state a request at a given instant sees.
 *
 * No request ever awaits a promise another request made. workerd runs a continuation queued on another request's
 * pending promise inside the request that settles it whenever that promise carries no request tag, as promises made
 * by TurboFan-optimized code do: whatever the continuation then makes (a Response body, a subrequest) belongs to
 * the other request, and the answer is a 500 ("Cannot perform I/O on behalf of a different request") or never
 * comes. So what is shared between requests is settled, plain data only, and each request awaits its own reads.
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
  /** When the last read of the pointer started (a number, never its promise: see the top of this file). */
  #readStartedAt = Number.NEGATIVE_INFINITY;

  constructor(options: LiveArchiveOptions) {
    this.#freshnessMs = options.freshnessMs ?? 1000;
    this.codeVersion = options.codeVersion;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The live version: the one this isolate knows while it is fresh (no promise: a 304 costs no turn of the
   * event loop), else the pointer read again by this request, which waits for its own read. At most one read
   * starts per freshness interval: while it is under way, the other requests are answered at once with the
   * version already known, never made to wait for that read's promise. Before any version is known there is
   * nothing to answer with, so each request reads for itself.
   */
  version(source: ArchiveSource): Version | Promise<Version> {
    const now = this.#now();
    const current = this.#current;
    if (current && (now - this.#checkedAt < this.#freshnessMs || now - this.#readStartedAt < this.#freshnessMs))
      return current.version;
    this.#readStartedAt = now;
    return this.#refresh(source);
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

  /** The Version this isolate already made for `rootHash`, if it is the one it serves (its caches go with it). */
  #versionOf(rootHash: string): Version | undefined {
    return this.#current?.version.rootHash === rootHash ? this.#current.version : undefined;
  }

  async #refresh(source: ArchiveSource): Promise<Version> {
    try {
      const stored = await source.live(this.#current?.tag);
      if (stored === undefined) throw new NotPublishedError();
      if (stored !== 'unchanged') {
        const pointer = parseLivePointer(stored.text);
        if (pointer === undefined) throw new StoredFileError('live', 'is not a live pointer');
        let version = this.#versionOf(pointer.root);
        if (version === undefined) {
          const root = await readRoot(source, pointer.root);
          version =
            this.#versionOf(pointer.root) ??
            new Version({ sequence: pointer.sequence, rootHash: pointer.root, root, codeVersion: this.codeVersion });
        }
        // Reads may overlap (a cold isolate's first requests, a read outlasting the interval) and a publish may be
        // adopted meanwhile: an older pointer never replaces a newer one.
        const latest = this.#current;
        if (latest === undefined || latest.version.sequence <= pointer.sequence)
          this.#current = { tag: stored.tag, version };
      }
      this.#checkedAt = this.#now();
      return (this.#current as { version: Version }).version;
    } catch (error) {
      // A pointer or root that cannot be read keeps the last version this isolate served (SPEC: freshness).
      const known = this.#current;
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
