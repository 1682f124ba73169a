/**
 * The every-minute Cron Trigger (wrangler.toml [triggers]): announces the releases that came since the last run —
 * WebSub pings and partner webhooks (announce.ts) — within 60 s of each. `wrangler dev --test-scheduled` runs it
 * locally (GET /__scheduled). The last instant announced is kept in the bucket, outside the archive's key space.
 */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import type { LiveArchive } from '../archive/live-archive.ts';
import { announceReleases } from './announce.ts';

/** Where the last announced instant is kept (never under objects/ or media/: collection never sees it). */
export const announcedKey = 'state/releases-announced';

/** A first run looks back this far: a release just before the Worker first ran is still announced. */
const firstLookBackMs = 2 * 60 * 1000;

export async function announceDueReleases(
  env: Env,
  archive: LiveArchive,
  source: ArchiveSource,
  now: number,
): Promise<void> {
  const marker = await env.ARCHIVE.get(announcedKey);
  const saved = marker ? Number((JSON.parse(await marker.text()) as { until?: unknown }).until) : Number.NaN;
  const from = Number.isSafeInteger(saved) ? saved : now - firstLookBackMs;
  if (from >= now) return;
  const version = await archive.version(source);
  await announceReleases(env, source, version, from, now);
  await env.ARCHIVE.put(announcedKey, JSON.stringify({ until: now }), {
    httpMetadata: { contentType: 'application/json' },
  });
}
