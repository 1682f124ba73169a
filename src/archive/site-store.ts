/** SiteStore: where the Worker reads what the build rendered — Workers Static Assets, or memory in tests. */

export interface SiteStore {
  /** The text of a stored file, or undefined when there is none. */
  read(path: string): Promise<string | undefined>;
  /** The bytes of a stored file, for readers that decode only part of it (section chunks). */
  readBytes?(path: string): Promise<Uint8Array | undefined>;
  /** A stored binary file (a picture below media/), streamed where the store can; undefined when there is none. */
  readBinary?(path: string): Promise<StoredBytes | undefined>;
}

/** A binary file's body and, when the store knows it, its byte length. */
export interface StoredBytes {
  readonly body: ReadableStream<Uint8Array> | Uint8Array;
  readonly length?: number;
}

/**
 * Reads through the `ASSETS` binding. `run_worker_first` keeps these files private: every request
 * reaches the Worker, which alone decides what to serve.
 */
export function assetStore(assets: Fetcher): SiteStore {
  /** The stored file's response, undefined when there is none; any other failure is a storage fault. */
  const fetchAsset = async (path: string): Promise<Response | undefined> => {
    const response = await assets.fetch(`https://assets.local/${path}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`asset ${path}: HTTP ${response.status}`);
    return response;
  };
  return {
    read: async (path) => (await fetchAsset(path))?.text(),
    readBytes: async (path) => {
      const response = await fetchAsset(path);
      return response && new Uint8Array(await response.arrayBuffer());
    },
    async readBinary(path) {
      const response = await fetchAsset(path);
      if (!response?.body) return undefined;
      const length = Number(response.headers.get('Content-Length') ?? Number.NaN);
      return Number.isSafeInteger(length) ? { body: response.body, length } : { body: response.body };
    },
  };
}

export function memoryStore(
  files: ReadonlyMap<string, string>,
  binaries: ReadonlyMap<string, Uint8Array> = new Map(),
): SiteStore {
  return {
    read: async (path) => files.get(path),
    readBinary: async (path) => {
      const body = binaries.get(path);
      return body && { body, length: body.byteLength };
    },
  };
}
