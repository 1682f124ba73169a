// The partner API over a published archive in workerd: keys and their sections, embargoed copy early for entitled
// keys only, the changes cursor across publishes, and no partner byte ever reaching a public response or a cache.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../src/builder/archive/build-archive.ts';
import { httpTarget } from '../../src/builder/archive/http-target.ts';
import { webCodec } from '../../src/builder/archive/web-codec.ts';
import { newestFirst } from '../../src/model/article-order.ts';
import type { Partner } from '../../src/model/partner.ts';
import { readLive } from '../../src/worker/publish/archive-writer.ts';
import { type StoryFields, story } from '../support/articles.ts';
import { testSite } from '../support/sites.ts';
import { serveSite, wireCopy } from './test-site.ts';
import { hookUrl, receivedBy, uniqueName } from './webhooks/receiver-client.ts';
import { testSecretName } from './webhooks/test-secret.ts';

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

const release = Date.parse('2026-12-07T06:00:00+08:00');
const now = release - 3_600_000;

/** Economy story `n` at eco-<n>; sidecar tags are publisher metadata, so wire copy gets them from `fields`. */
const economy = (n: number, fields: StoryFields = {}) =>
  story(`eco-${n}`, { title: `Economy story ${n}`, date: '2025-08-01 09:00', body: `Body ${n}.`, ...fields });

const acmeKey = 'acme-key-0123456789';
const otherKey = 'other-key-0123456789';
const partners = async (): Promise<Partner[]> => [
  { id: 'acme', name: 'ACME Daily', keySha256: await sha256Hex(acmeKey), sections: ['tag:economy'], embargoed: true },
  { id: 'other', name: 'Other', keySha256: await sha256Hex(otherKey), sections: ['tag:sport'], embargoed: false },
];

async function site(at = now) {
  const articles = [
    economy(1, { tags: ['Economy'] }),
    economy(2, { date: '2025-08-02 09:00', tags: ['Sport'] }),
    // Embargoed until tomorrow 06:00 Beijing: no public response shows it before.
    economy(3, { title: 'Embargoed story', date: '2026-12-07 06:00 +08:00', body: 'Not yet.', tags: ['Economy'] }),
  ];
  return serveSite(articles, testSite, {
    now: () => at,
    releasedBy: now,
    partners: await partners(),
    codeVersion: `p-${at}`,
  });
}

const bearer = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

describe('the changes endpoint', () => {
  it('lists released articles to the public, and a partner only its sections, embargoed copy early with embargoedUntil', async () => {
    const { fetch } = await site();
    const publicChanges = (await (await fetch('/api/v1/changes')).json()) as { changes: { slug: string }[] };
    expect(publicChanges.changes.map((change) => change.slug).sort()).toEqual(['eco-1', 'eco-2']);
    const acme = (await (await fetch('/api/v1/changes', bearer(acmeKey))).json()) as {
      changes: { slug: string; embargoedUntil?: string; ninjs: string }[];
    };
    expect(acme.changes.map((change) => change.slug).sort()).toEqual(['eco-1', 'eco-3']);
    expect(acme.changes.find((change) => change.slug === 'eco-3')?.embargoedUntil).toBe(
      new Date(release).toISOString(),
    );
    expect(acme.changes[0]?.ninjs).toMatch(/\/api\/v1\/articles\/eco-/);
    const other = (await (await fetch('/api/v1/changes', bearer(otherKey))).json()) as { changes: { slug: string }[] };
    expect(other.changes.map((change) => change.slug)).toEqual(['eco-2']);
  });

  it('answers an unchanged archive with no changes and the same cursor, and 400 for a malformed cursor or limit', async () => {
    const { fetch } = await site();
    const first = (await (await fetch('/api/v1/changes')).json()) as { next: string };
    const again = (await (await fetch(`/api/v1/changes?since=${first.next}`)).json()) as {
      changes: unknown[];
      next: string;
    };
    expect(again).toEqual({ changes: [], next: first.next });
    let checked = 0;
    for (const query of ['since=garbage', 'since=', 'limit=0', 'limit=101', 'limit=1.5', 'limit=-1']) {
      expect((await fetch(`/api/v1/changes?${query}`)).status, query).toBe(400);
      checked++;
    }
    expect(checked).toBe(6);
  });

  it('marks every answer private, no-store and varying by Authorization', async () => {
    const { fetch } = await site();
    let checked = 0;
    for (const init of [undefined, bearer(acmeKey)]) {
      const response = await fetch('/api/v1/changes', init);
      expect(response.headers.get('Cache-Control')).toBe('private, no-store');
      expect(response.headers.get('Vary')).toBe('Authorization');
      checked++;
    }
    expect(checked).toBe(2);
  });
});

describe('partner keys', () => {
  it('answers the same 401 for a malformed, wrong or revoked key, with a Bearer challenge', async () => {
    const { fetch } = await site();
    const answers = [];
    for (const authorization of [
      'Bearer',
      'Bearer ',
      `Basic ${btoa('acme:x')}`,
      'Bearer wrong-key-000000',
      `Bearer ${acmeKey}x`,
      'Bearer revoked-key-0000000',
    ]) {
      for (const path of ['/api/v1/changes', '/api/v1/articles/eco-1']) {
        const response = await fetch(path, { headers: { Authorization: authorization } });
        answers.push(`${response.status} ${response.headers.get('WWW-Authenticate')} ${await response.text()}`);
      }
    }
    expect(answers).toHaveLength(12);
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatch(/^401 Bearer realm="wirefeed" /);
  });

  it('reads an entitled article as ninjs and NewsML-G2, embargoed copy with its release instant, before anyone else', async () => {
    const { fetch } = await site();
    const ninjs = await fetch('/api/v1/articles/eco-3', bearer(acmeKey));
    expect(ninjs.status).toBe(200);
    expect(ninjs.headers.get('Cache-Control')).toBe('private, no-store');
    expect(ninjs.headers.get('Vary')).toBe('Authorization');
    expect(((await ninjs.json()) as { embargoedUntil?: string }).embargoedUntil).toBe(new Date(release).toISOString());
    const newsml = await (await fetch('/api/v1/articles/eco-3.newsml.xml', bearer(acmeKey))).text();
    expect(newsml).toContain(`<embargoed>`);
    // The public routes never show it, and no cache kept what the partner got.
    expect((await fetch('/articles/eco-3.ninjs.json')).status).toBe(404);
    expect((await fetch('/articles/eco-3')).status).toBe(404);
    expect(await caches.default.match('https://wire.example/articles/eco-3.ninjs.json')).toBeUndefined();
  });

  it('answers what a key may not see with the very bytes of a missing slug', async () => {
    const { fetch } = await site();
    const missing = await fetch('/api/v1/articles/no-such-story', bearer(otherKey));
    const otherSection = await fetch('/api/v1/articles/eco-1', bearer(otherKey));
    const notEntitled = await fetch('/api/v1/articles/eco-3', bearer(otherKey));
    expect([missing.status, otherSection.status, notEntitled.status]).toEqual([404, 404, 404]);
    const bodies = new Set([await missing.text(), await otherSection.text(), await notEntitled.text()]);
    expect(bodies.size).toBe(1);
  });

  it('shows the embargoed article to everyone from its release, without embargoedUntil', async () => {
    const { fetch } = await site(release);
    expect((await fetch('/articles/eco-3')).status).toBe(200);
    const ninjs = (await (await fetch('/api/v1/articles/eco-3', bearer(acmeKey))).json()) as {
      embargoedUntil?: string;
    };
    expect(ninjs.embargoedUntil).toBeUndefined();
    const publicChanges = (await (await fetch('/api/v1/changes')).json()) as { changes: { slug: string }[] };
    expect(publicChanges.changes.map((change) => change.slug).sort()).toEqual(['eco-1', 'eco-2', 'eco-3']);
  });
});

describe('the cursor across publishes', () => {
  it('gives exactly the later changes from an earlier cursor, an edit as updated', async () => {
    const base = [economy(1, { tags: ['Economy'] }), economy(2, { date: '2025-08-02 09:00', tags: ['Economy'] })];
    const first = await serveSite(base, testSite, { releasedBy: now, now: () => now, sequence: 1 });
    const cursor = ((await (await first.fetch('/api/v1/changes')).json()) as { next: string }).next;
    const edited = economy(1, { title: 'Economy story 1, corrected title', tags: ['Economy'] });
    const second = await serveSite([edited, base[1] as (typeof base)[number]], testSite, {
      releasedBy: now,
      now: () => now,
      sequence: 2,
      previous: first.state,
      codeVersion: 'second',
    });
    const later = (await (await second.fetch(`/api/v1/changes?since=${cursor}`)).json()) as {
      changes: { slug: string; event: string }[];
    };
    expect(later.changes.map((change) => `${change.event} ${change.slug}`)).toEqual(['updated eco-1']);
  });
});

describe('a publish through the endpoint', () => {
  it('sends a partner with a webhook its changes, signed, without the publish waiting for it', async () => {
    const inbox = uniqueName('publish');
    const partner: Partner = {
      id: uniqueName('hooked'),
      name: 'Hooked',
      keySha256: await sha256Hex('hooked-key-0123456789'),
      sections: 'all',
      embargoed: false,
      webhook: { url: hookUrl(inbox, 'ok'), secret: testSecretName },
    };
    const target = httpTarget({
      url: 'http://localhost:8787',
      token: env.PUBLISH_TOKEN ?? '',
      fetch: (input, init) => exports.default.fetch(new Request(input, init)),
    });
    const live = await readLive(env.ARCHIVE);
    const story = wireCopy(`${inbox}.txt`, `Hooked story\n2025-08-05 09:00\nBody.\nSource:www.news.cn\n`, {
      ...testSite,
      baseUrl: 'http://localhost:8787',
    });
    const planned = await buildArchive({
      site: { ...testSite, baseUrl: 'http://localhost:8787' },
      articles: newestFirst([story]),
      codec: webCodec,
      sink: async ({ hash, bytes }) => {
        await target.putObject(hash, bytes);
      },
      partners: [partner],
      sequence: (live?.pointer.sequence ?? 0) + 1,
    });
    await target.switchLive(live?.pointer.root ?? null, planned.rootHash);
    let received: Awaited<ReturnType<typeof receivedBy>> = [];
    for (let wait = 0; wait < 100 && received.length === 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      received = await receivedBy(inbox);
    }
    expect(received).toHaveLength(1);
    expect(received[0]?.verification).toBe('ok');
    expect(JSON.parse(received[0]?.body ?? '{}').changes.map((change: { slug: string }) => change.slug)).toEqual([
      inbox,
    ]);
  });
});
