/**
 * ArchiveTarget: where a build publishes — the Worker's /api/publish/ (http-target.ts, the one path for
 * `npm run dev` and production) or a folder (dir-target.ts, for `npm run build` and Node tools). The same calls
 * in the same order either way: read the live version, upload what is missing, switch.
 */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import type { SearchRow } from '../../model/search-row.ts';

export interface LiveState {
  /** The live root (SHA-256 hex), or null before the first publish. */
  readonly root: string | null;
  readonly sequence: number;
  /** Earlier roots kept, newest first. */
  readonly previous: readonly string[];
  /** The target's clock (ms): which articles are released. */
  readonly now: number;
}

export interface ArchiveTarget {
  /** Where it is, for messages. */
  readonly name: string;
  live(): Promise<LiveState>;
  /** The names among these the archive lacks. */
  missing(objects: readonly string[], media: readonly string[]): Promise<{ objects: string[]; media: string[] }>;
  /** Stores an object under its SHA-256; false when the archive had it already (nothing stored). */
  putObject(hash: string, bytes: Uint8Array): Promise<boolean>;
  /** A picture under its published name, with its full SHA-256 (hex). */
  putMedia(name: string, sha256: string, bytes: Uint8Array): Promise<void>;
  /**
   * Makes `root` live if `base` still is; refused (throws) when another publish switched first. A `rollback`
   * root replaces the version before `base` in the kept list (the next rollback goes one further back).
   */
  switchLive(base: string | null, root: string, rollback?: boolean): Promise<{ sequence: number }>;
  /** Deletes what no kept version names and is older than `graceSeconds`. */
  collect(graceSeconds?: number): Promise<{ deleted: number; kept: number }>;
  /**
   * Applies a publish's changes to the search index (`reset` empties it first). Absent for a folder archive, which has
   * none: no search rows are made (at 1,000,000 articles, every body read back for nothing).
   */
  index?(changes: { upsert: readonly SearchRow[]; remove: readonly string[]; reset?: boolean }): Promise<void>;
  /** Reads the archive (to rebuild the publisher's state from the live version). */
  source(): ArchiveSource;
}

/** A call the target refused, with its reason (a 409 race, a 422 missing object, a 401 token). */
export class TargetRefusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'TargetRefusal';
    this.status = status;
  }
}
