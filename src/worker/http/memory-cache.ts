/** A small per-isolate memory of encoded responses, in front of the edge cache: a hot page costs no subrequest. */

export interface Remembered {
  /** The body as the UTF-8 bytes sent, encoded once. */
  readonly body: Uint8Array;
  /** Every header of the 200, `X-Cache: HIT` included. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Bytes an isolate keeps when nothing else is said (wrangler.toml [vars] MEMORY_CACHE_BYTES): 16 MiB. */
export const defaultMemoryCacheBytes = 16 * 1024 * 1024;

/**
 * Least recently used entries go first once `maxBytes` are held, counting bodies, keys and headers. Keys carry the content
 * version like the edge cache's, and an isolate only ever serves one deploy, so nothing here can
 * go stale. The bound keeps the isolate far below its 128 MB, whatever the archive's size.
 */
export class MemoryCache {
  readonly #entries = new Map<string, Remembered>();
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(key: string): Remembered | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      // Map order is insertion order: re-inserting marks the entry most recently used.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Remembered): void {
    const size = entrySize(key, entry);
    if (size > this.#maxBytes / 4) return;
    const previous = this.#entries.get(key);
    if (previous) this.#bytes -= entrySize(key, previous);
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#bytes += size;
    for (const [oldest, old] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entrySize(oldest, old);
    }
  }

  /** Bytes counted against the budget (keys and headers included). */
  get bytes(): number {
    return this.#bytes;
  }
}

/** Per-entry overhead of the Map slot and objects, a rough V8 figure: many tiny entries still add up. */
const entryOverhead = 256;

/** What an entry costs the isolate: body bytes, and two bytes a character for the key and every header. */
function entrySize(key: string, entry: Remembered): number {
  let characters = key.length;
  for (const name in entry.headers) characters += name.length + (entry.headers[name]?.length ?? 0);
  return entry.body.byteLength + 2 * characters + entryOverhead;
}
