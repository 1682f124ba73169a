/** SiteStore: where the Worker reads what the build rendered — Workers Static Assets, or memory in tests. */

export interface SiteStore {
  /** The text of a stored file, or undefined when there is none. */
  read(path: string): Promise<string | undefined>;
  /** The bytes of a stored file, for readers that decode only part of it (section chunks). */
  readBytes?(path: string): Promise<Uint8Array | undefined>;
}

/**
 * Reads through the `ASSETS` binding. `run_worker_first` keeps these files private: every request
 * reaches the Worker, which alone decides what to serve.
 */
export function assetStore(assets: Fetcher): SiteStore {
  return {
    async read(path) {
      const response = await assets.fetch(`https://assets.local/${path}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`asset ${path}: HTTP ${response.status}`);
      return response.text();
    },
    async readBytes(path) {
      const response = await assets.fetch(`https://assets.local/${path}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`asset ${path}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}

export function memoryStore(files: ReadonlyMap<string, string>): SiteStore {
  return { read: async (path) => files.get(path) };
}
