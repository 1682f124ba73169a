// Releases announced by the every-minute Cron Trigger: the WebSub hub (a real local HTTP server) is pinged for the
// feeds a release changed, once, and the run never fails when the hub does not answer.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { announceDueReleases, announcedKey } from '../../src/worker/announce/release-cron.ts';
import { LiveArchive } from '../../src/worker/archive/live-archive.ts';
import { testSite } from '../support/sites.ts';
import { pinnedSource, publishArchive } from '../support/workerd-archive.ts';
import { wireCopy } from './test-site.ts';
import { hookUrl, receivedBy, uniqueName } from './webhooks/receiver-client.ts';

const release = Date.parse('2026-12-07T06:00:00+08:00');

async function scheduledSite(hub: string) {
  const site = { ...testSite, websubHub: hub };
  const articles = [
    wireCopy('older.txt', 'Older\n2025-08-01 09:00\nBody.\nSource:www.news.cn\n', site),
    wireCopy('due.txt', 'Due\n2026-12-07 06:00 +08:00\nBody.\nSource:www.news.cn\n', site),
  ];
  const published = await publishArchive(site, articles, { releasedBy: release - 3_600_000 });
  return { source: pinnedSource(published.rootHash), archive: new LiveArchive({ codeVersion: 'cron' }) };
}

describe('the release Cron Trigger', () => {
  it('pings the hub for the feeds a release changed, once, within the minute after it', async () => {
    const inbox = uniqueName('hub');
    const { source, archive } = await scheduledSite(hookUrl(inbox, 'ok'));
    await env.ARCHIVE.put(announcedKey, JSON.stringify({ until: release - 45_000 }));
    // The run before the release announces nothing.
    await announceDueReleases(env, archive, source, release - 15_000);
    expect(await receivedBy(inbox)).toEqual([]);
    // The run after it pings the site's feeds and the source section's, each once.
    await announceDueReleases(env, archive, source, release + 15_000);
    const topics = (await receivedBy(inbox)).map((request) => new URLSearchParams(request.body).get('hub.url')).sort();
    expect(topics).toEqual(
      [
        'https://wire.example/atom.xml',
        'https://wire.example/feed.json',
        'https://wire.example/rss.xml',
        'https://wire.example/sources/www.news.cn/atom.xml',
        'https://wire.example/sources/www.news.cn/feed.json',
        'https://wire.example/sources/www.news.cn/rss.xml',
      ].sort(),
    );
    let checked = 0;
    for (const request of await receivedBy(inbox)) {
      expect(new URLSearchParams(request.body).get('hub.mode')).toBe('publish');
      checked++;
    }
    expect(checked).toBe(6);
    // The next run has nothing new to announce.
    await announceDueReleases(env, archive, source, release + 75_000);
    expect(await receivedBy(inbox)).toHaveLength(6);
  });

  it('never fails when the hub is down', async () => {
    const inbox = uniqueName('hub-down');
    const { source, archive } = await scheduledSite(hookUrl(inbox, 'always-500'));
    await env.ARCHIVE.put(announcedKey, JSON.stringify({ until: release - 45_000 }));
    await expect(announceDueReleases(env, archive, source, release + 15_000)).resolves.toBeUndefined();
  });
});
