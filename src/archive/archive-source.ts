/** ArchiveSource: how the Worker reads an archive — R2 in production and tests, a folder for Node tools — one small interface, two adapters. */

/** The live pointer as stored, with the version tag storage gives it (R2's ETag; a folder's mtime and size). */
export interface StoredLive {
  readonly tag: string;
  readonly text: string;
}

/** A stored picture, streamed. */
export interface StoredMedia {
  readonly body: ReadableStream<Uint8Array>;
  readonly length: number;
}

export interface ArchiveSource {
  /** The live pointer; `unchanged` when its tag is still `knownTag` (nothing transferred); undefined when none was published. */
  live(knownTag?: string): Promise<StoredLive | 'unchanged' | undefined>;
  /** `length` bytes at `offset` of an object; undefined when the object is missing. Fewer bytes mean a short object. */
  range(object: string, offset: number, length: number): Promise<Uint8Array | undefined>;
  /** A whole object (a root document); undefined when it is missing. */
  object(hash: string): Promise<Uint8Array | undefined>;
  /** A published picture below media/; undefined when there is none. */
  media(name: string): Promise<StoredMedia | undefined>;
}
