/**
 * Telling the world a version changed: after a switch (a publish or a rollback) and when a scheduled article is
 * released (the every-minute Cron Trigger), the WebSub hub is pinged for every feed whose page 1 changed, and each
 * partner with a webhook is sent, through the queue, the changes of its sections that became visible to it.
 * Nothing here ever fails a publish or a release: a hub or a partner that is down is logged and left.
 */

import type { ArchiveSource } from '../../archive/archive-source.ts';
import { listId } from '../../archive/root.ts';
import { articleFormatPath } from '../../model/article-formats.ts';
import type { Partner } from '../../model/partner.ts';
import { type SectionKind, sectionFeedPath } from '../../render/section-urls.ts';
import { absoluteUrl, type FeedFormat, feedPath } from '../../render/urls.ts';
import type { Version } from '../archive/version.ts';
import { type ChangeItem, readChanges } from '../partners/changes.ts';
import { encodeCursor } from '../partners/changes-cursor.ts';
import { enqueueDeliveries } from '../webhooks/deliver.ts';
import type { Delivery } from '../webhooks/webhook-message.ts';
import { pingHub } from './websub-ping.ts';

const feedFormats: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** Page 1 of each feed of list `id` (`site`, `tag:<key>`, `source:<key>`), as absolute URLs. */
function feedUrls(version: Version, id: string): string[] {
  const { site } = version.root;
  if (id === listId()) return feedFormats.map((format) => absoluteUrl(site, feedPath(format)));
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon) as SectionKind;
  const key = id.slice(colon + 1);
  return feedFormats.map((format) => absoluteUrl(site, sectionFeedPath(kind, key, format)));
}

/** The feeds whose page 1 differs between two views of the lists (a list gone counts: its feeds changed too). */
function changedFeeds(
  version: Version,
  before: ReadonlyMap<string, { identity: string }>,
  after: ReadonlyMap<string, { identity: string }>,
): string[] {
  const ids = new Set<string>();
  for (const [id, list] of after) if (before.get(id)?.identity !== list.identity) ids.add(id);
  for (const id of before.keys()) if (!after.has(id)) ids.add(id);
  return [...ids].sort().flatMap((id) => feedUrls(version, id));
}

async function pingFeeds(version: Version, urls: readonly string[]): Promise<void> {
  const hub = version.root.site.websubHub;
  if (hub === undefined || urls.length === 0) return;
  await pingHub({ hub, urls, log: (line) => console.log(line) });
}

/** What a partner's webhook is sent: the body of the changes endpoint for the records between two points. */
async function partnerDelivery(
  version: Version,
  source: ArchiveSource,
  partner: Partner,
  cursor: string,
  now: number,
): Promise<Delivery[]> {
  const webhook = partner.webhook;
  if (webhook === undefined) return [];
  const deliveries: Delivery[] = [];
  let since = cursor;
  // Pages of the endpoint's own size: a first import of thousands of articles goes as several deliveries.
  for (let page = 0; page < 1000; page++) {
    const read = await readChanges(version.changeLog(source), partner, {
      cursor: since,
      limit: 100,
      liveSeq: version.sequence,
      now,
    });
    if (!read.ok || read.changes.length === 0) break;
    const changes = read.changes.map((item) => addresses(version, item));
    deliveries.push({
      partnerId: partner.id,
      url: webhook.url,
      secretName: webhook.secret,
      body: JSON.stringify({ changes, next: read.next }),
    });
    since = read.next;
  }
  return deliveries;
}

function addresses(version: Version, item: ChangeItem): Record<string, string> {
  const { site } = version.root;
  return {
    id: item.id,
    event: item.event,
    slug: item.slug,
    url: absoluteUrl(site, articleFormatPath('page', item.slug)),
    ninjs: absoluteUrl(site, `/api/v1/articles/${item.slug}`),
    at: item.at,
    ...(item.embargoedUntil !== undefined ? { embargoedUntil: item.embargoedUntil } : {}),
  };
}

async function deliver(env: Env, deliveries: readonly Delivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  const { refused } = await enqueueDeliveries(env, [...deliveries]);
  for (const { partnerId, reason } of refused) console.error(`wirefeed: webhook for ${partnerId} not sent: ${reason}`);
}

/** Runs `work`, logging instead of failing: announcing never fails what announced it. */
async function quietly(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(`wirefeed: ${what} failed:`, String(error));
  }
}

/**
 * After `next` went live (the one before it `previous`): the feeds whose page 1 changed, and each partner the
 * records of this publish in its sections — an embargoed partner all of them at once, with `embargoedUntil`.
 */
export async function announceSwitch(
  env: Env,
  source: ArchiveSource,
  previous: Version | undefined,
  next: Version,
  now: number,
): Promise<void> {
  await Promise.all([
    quietly('the WebSub ping after the switch', () =>
      pingFeeds(next, changedFeeds(next, previous?.state(now).lists ?? new Map(), next.state(now).lists)),
    ),
    quietly('the webhooks after the switch', async () => {
      const seq = next.sequence - 1;
      const deliveries: Delivery[] = [];
      for (const partner of await next.partners(source)) {
        // Everything up to the publish before, as a partner following the cursor would hold it.
        const cursor = encodeCursor({ base: { seq, time: now, embargoSeq: partner.embargoed ? seq : 0 } });
        deliveries.push(...(await partnerDelivery(next, source, partner, cursor, now)));
      }
      await deliver(env, deliveries);
    }),
  ]);
}

/**
 * Releases between `from` (exclusive) and `to` (inclusive), ms: the feeds a release changed, and each partner not
 * entitled to embargoed copy the records released in its sections (an entitled one had them at publish).
 */
export async function announceReleases(
  env: Env,
  source: ArchiveSource,
  version: Version,
  from: number,
  to: number,
): Promise<void> {
  const released = version.root.states.some((state) => state.from > from && state.from <= to);
  await Promise.all([
    quietly('the WebSub ping of a release', async () => {
      if (released) await pingFeeds(version, changedFeeds(version, version.state(from).lists, version.state(to).lists));
    }),
    quietly('the webhooks of a release', async () => {
      const deliveries: Delivery[] = [];
      for (const partner of await version.partners(source)) {
        if (partner.embargoed || partner.webhook === undefined) continue;
        const cursor = encodeCursor({ base: { seq: version.sequence, time: from, embargoSeq: 0 } });
        deliveries.push(...(await partnerDelivery(version, source, partner, cursor, to)));
      }
      await deliver(env, deliveries);
    }),
  ]);
}
