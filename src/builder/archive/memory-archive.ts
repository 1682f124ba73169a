/** An archive built in memory in Node, read through the real app: for the validators, the browser tests and the bench. */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { liveFormat } from '../../archive/live-pointer.ts';
import type { Article } from '../../model/article.ts';
import { newestFirst } from '../../model/article-order.ts';
import type { Site } from '../../model/site.ts';
import { buildArchive } from './build-archive.ts';
import { nodeCodec } from './node-codec.ts';
import type { ArchiveState, PlannedArchive } from './plan-archive.ts';

export interface MemoryArchive extends PlannedArchive {
  /** Every object, by name. */
  readonly objects: ReadonlyMap<string, Uint8Array>;
  /** The archive with this version live, as the Worker reads R2. */
  readonly source: ArchiveSource;
}

export interface MemoryArchiveOptions {
  readonly releasedBy?: number;
  readonly urlsPerSitemap?: number;
  readonly previous?: ArchiveState;
  /** Published pictures (name to bytes) served below media/. */
  readonly media?: ReadonlyMap<string, Uint8Array>;
}

export async function buildInMemory(
  site: Site,
  articles: readonly Article[],
  options: MemoryArchiveOptions = {},
): Promise<MemoryArchive> {
  const objects = new Map<string, Uint8Array>();
  const planned = await buildArchive({
    site,
    articles: newestFirst(articles),
    codec: nodeCodec,
    sink: async ({ hash, bytes }) => {
      objects.set(hash, bytes);
    },
    releasedBy: options.releasedBy ?? Date.now(),
    ...(options.previous ? { previous: options.previous } : {}),
    ...(options.urlsPerSitemap ? { urlsPerSitemap: options.urlsPerSitemap } : {}),
    ...(options.media ? { media: [...options.media.keys()] } : {}),
  });
  const text = JSON.stringify({
    format: liveFormat,
    sequence: 1,
    root: planned.rootHash,
    previous: [],
    switchedAt: new Date(0).toISOString(),
  });
  const source: ArchiveSource = {
    live: async (known) => (known === planned.rootHash ? 'unchanged' : { tag: planned.rootHash, text }),
    range: async (object, offset, length) => objects.get(object)?.slice(offset, offset + length),
    object: async (hash) => objects.get(hash),
    media: async (name) => {
      const bytes = options.media?.get(name);
      return bytes && { body: new Blob([bytes]).stream(), length: bytes.length };
    },
  };
  return { ...planned, objects, source };
}
