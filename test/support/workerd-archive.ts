/** Publishes articles into the vitest integration's real R2 binding from inside workerd, and reads them back through the app. */
import { env } from 'cloudflare:workers';
import type { ArchiveSource } from '../../src/archive/archive-source.ts';
import { objectKey } from '../../src/archive/keys.ts';
import { liveFormat } from '../../src/archive/live-pointer.ts';
import { buildArchive } from '../../src/builder/archive/build-archive.ts';
import type { ArchiveState, PlannedArchive } from '../../src/builder/archive/plan-archive.ts';
import { webCodec } from '../../src/builder/archive/web-codec.ts';
import type { Article } from '../../src/model/article.ts';
import { newestFirst } from '../../src/model/article-order.ts';
import type { Partner } from '../../src/model/partner.ts';
import type { Site } from '../../src/model/site.ts';
import { r2Source } from '../../src/worker/archive/r2-source.ts';

export interface PublishOptions {
  readonly urlsPerSitemap?: number;
  /** Articles released by this instant are public in the first state. @default the clock */
  readonly releasedBy?: number;
  readonly previous?: ArchiveState;
  /** Small packs, so a test sees several objects. @default 16 MiB */
  readonly packBytes?: number;
  /** Partners the version names (as content/partners.yaml would). */
  readonly partners?: readonly Partner[];
  /** This publish's number in the changes log: the version before it is `sequence - 1`. @default 1 */
  readonly sequence?: number;
}

export interface PublishedArchive extends PlannedArchive {
  /** Every object this publish stored, by name. */
  readonly objects: ReadonlyMap<string, Uint8Array>;
}

/**
 * Plans the archive of `articles` and puts every new object into `bucket` (the ARCHIVE binding by default);
 * with `bucket` null the objects are only returned (a test uploads them itself, through the publish endpoint).
 */
export async function publishArchive(
  site: Site,
  articles: readonly Article[],
  options: PublishOptions = {},
  bucket: R2Bucket | null = env.ARCHIVE,
): Promise<PublishedArchive> {
  const objects = new Map<string, Uint8Array>();
  const planned = await buildArchive({
    site,
    articles: newestFirst(articles),
    codec: webCodec,
    sink: async ({ hash, bytes }) => {
      objects.set(hash, bytes);
      await bucket?.put(objectKey(hash), bytes);
    },
    releasedBy: options.releasedBy ?? Date.now(),
    ...(options.previous ? { previous: options.previous } : {}),
    ...(options.urlsPerSitemap ? { urlsPerSitemap: options.urlsPerSitemap } : {}),
    ...(options.packBytes ? { packBytes: options.packBytes } : {}),
    ...(options.partners ? { partners: options.partners } : {}),
    ...(options.sequence ? { sequence: options.sequence } : {}),
    ...(bucket ? { source: r2Source(bucket) } : {}),
  });
  return { ...planned, objects };
}

/**
 * The bucket read through `r2Source`, but with `root` as its live version: each test serves its own archive from
 * the one bucket without moving the real pointer (tests of the switch itself use the publish endpoint).
 */
export function pinnedSource(root: string, sequence = 1, bucket: R2Bucket = env.ARCHIVE): ArchiveSource {
  const source = r2Source(bucket);
  const text = JSON.stringify({
    format: liveFormat,
    sequence,
    root,
    previous: [],
    switchedAt: '2026-01-01T00:00:00.000Z',
  });
  return { ...source, live: async (known) => (known === root ? 'unchanged' : { tag: root, text }) };
}
