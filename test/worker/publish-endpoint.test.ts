// /api/publish/ through the Worker entry with the real R2 binding: every refusal SPEC names, each without a 5xx and
// leaving the live version untouched, and the switch, rollback and collection that a publish makes.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { liveKey, objectKey } from '../../src/archive/keys.ts';
import { parseLivePointer } from '../../src/archive/live-pointer.ts';
import { httpTarget } from '../../src/builder/archive/http-target.ts';
import { webCodec } from '../../src/builder/archive/web-codec.ts';
import { rollBack } from '../../src/builder/roll-back.ts';
import { releaseOf } from '../../src/model/article.ts';
import { searchRow } from '../../src/model/search-row.ts';
import { testSite } from '../support/sites.ts';
import { publishArchive } from '../support/workerd-archive.ts';
import { wireCopy } from './test-site.ts';
import { get } from './worker-client.ts';

const token = env.PUBLISH_TOKEN ?? '';
const auth = { Authorization: `Bearer ${token}` };

function call(path: string, init: RequestInit = {}, headers: Record<string, string> = auth): Promise<Response> {
  return get(`/api/publish${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
}

async function liveRoot(): Promise<string | undefined> {
  const stored = await env.ARCHIVE.get(liveKey);
  return stored ? parseLivePointer(await stored.text())?.root : undefined;
}

/** The publish endpoint as the publisher's client sees it (builder/archive/http-target.ts), through the Worker entry. */
function endpoint() {
  return httpTarget({
    url: 'http://localhost:8787',
    token,
    fetch: (input, init) => exports.default.fetch(new Request(input, init)),
  });
}

/** A version of a small site, planned in workerd, its objects not yet in the bucket. */
async function version(label: string) {
  const site = { ...testSite, baseUrl: 'http://localhost:8787' };
  const articles = [1, 2].map((n) =>
    wireCopy(`${label}-${n}.txt`, `${label} ${n}\n2025-07-1${n} 08:00\nBody ${n}.\nSource:www.news.cn\n`, site),
  );
  return { ...(await publishArchive(site, articles, {}, null)), articles };
}

async function upload(objects: ReadonlyMap<string, Uint8Array>): Promise<void> {
  for (const [hash, bytes] of objects) {
    const response = await call(`/objects/${hash}`, { method: 'PUT', body: bytes });
    expect([200, 201], hash).toContain(response.status);
  }
}

describe('the publish endpoint refuses', () => {
  const requests: readonly (readonly [string, string, RequestInit?])[] = [
    ['GET', '/live'],
    ['POST', '/missing', { body: '{}' }],
    ['PUT', `/objects/${'a'.repeat(64)}`, { body: 'x' }],
    ['GET', `/objects/${'a'.repeat(64)}`],
    ['PUT', '/media/AAAAAAAAAAAAAAAAAAAAAA.jpg', { body: 'x' }],
    ['POST', '/switch', { body: '{}' }],
    ['POST', '/collect', { body: '{}' }],
    ['DELETE', '/live'],
    ['PATCH', '/anything'],
  ];
  const credentials: readonly (readonly [string, Record<string, string>])[] = [
    ['no Authorization', {}],
    ['a wrong token', { Authorization: 'Bearer not-the-token-at-all-000000' }],
    ['the token one character short', { Authorization: `Bearer ${token.slice(0, -1)}` }],
    ['the token as Basic', { Authorization: `Basic ${btoa(`x:${token}`)}` }],
    ['a malformed header', { Authorization: `Bearer  ${token}` }],
  ];

  it('every request without the right Bearer token, whatever its method or path, with the same 401', async () => {
    const before = await liveRoot();
    const bodies = new Set<string>();
    let answered = 0;
    for (const [method, path, init] of requests)
      for (const [what, headers] of credentials) {
        const response = await call(path, { method, ...init }, headers);
        expect(response.status, `${method} ${path} with ${what}`).toBe(401);
        expect(response.headers.get('WWW-Authenticate')).toBe('Bearer realm="wirefeed-publish"');
        expect(response.headers.get('Cache-Control')).toBe('private, no-store');
        bodies.add(await response.text());
        answered++;
      }
    expect(answered).toBe(requests.length * credentials.length);
    expect(bodies.size).toBe(1);
    expect(await liveRoot()).toBe(before);
  });

  it('a malformed body with 400 and an oversized one with 413', async () => {
    expect((await call('/switch', { method: 'POST', body: '{not json' })).status).toBe(400);
    expect((await call('/switch', { method: 'POST', body: JSON.stringify({ base: 7, root: 'x' }) })).status).toBe(400);
    expect((await call('/missing', { method: 'POST', body: JSON.stringify({ objects: ['../live'] }) })).status).toBe(
      400,
    );
    expect((await call('/switch', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) })).status).toBe(413);
    const huge = await call(`/objects/${'b'.repeat(64)}`, {
      method: 'PUT',
      body: 'x',
      headers: { 'Content-Length': String(65 * 1024 * 1024) },
    });
    expect([400, 413]).toContain(huge.status);
  });

  it('an object whose bytes do not match its name, storing nothing', async () => {
    const bytes = new TextEncoder().encode('these bytes are not named by this hash');
    const name = 'c'.repeat(64);
    const response = await call(`/objects/${name}`, { method: 'PUT', body: bytes });
    expect(response.status).toBe(400);
    expect(await env.ARCHIVE.head(objectKey(name))).toBeNull();
  });

  it('anything outside the archive key space', async () => {
    for (const path of [
      '/objects/ABC',
      '/objects/..%2Flive',
      '/live',
      '/media/x.svg',
      '/media/AAAAAAAAAAAAAAAAAAAAAA.jpg',
    ]) {
      const response = await call(path, { method: 'PUT', body: 'x', headers: { 'X-Content-SHA256': 'd'.repeat(64) } });
      expect([400, 404, 405], path).toContain(response.status);
    }
    expect(await env.ARCHIVE.head('media/x.svg')).toBeNull();
  });

  it('a switch to a root the archive lacks, or one that names a missing object, leaving the live version', async () => {
    const before = await liveRoot();
    const next = await version('incomplete');
    const missingRoot = await call('/switch', {
      method: 'POST',
      body: JSON.stringify({ base: before ?? null, root: next.rootHash }),
    });
    expect(missingRoot.status).toBe(422);
    // Everything but one of its objects uploaded: still refused, naming it.
    const [kept, ...rest] = [...next.objects].filter(([hash]) => hash !== next.rootHash);
    await upload(new Map([...rest, [next.rootHash, next.objects.get(next.rootHash) as Uint8Array]]));
    const response = await call('/switch', {
      method: 'POST',
      body: JSON.stringify({ base: before ?? null, root: next.rootHash }),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { objects: string[] }).objects).toEqual([kept?.[0]]);
    expect(await liveRoot()).toBe(before);
  });

  it('a switch that starts from another version than the live one (409)', async () => {
    const next = await version('stale-base');
    await upload(next.objects);
    const response = await call('/switch', {
      method: 'POST',
      body: JSON.stringify({ base: 'e'.repeat(64), root: next.rootHash }),
    });
    expect(response.status).toBe(409);
  });
});

describe('a publish through the endpoint', () => {
  it('switches atomically, serves the new version at once, and rolls back to the one before', async () => {
    const before = await liveRoot();
    const next = await version('switched');
    await upload(next.objects);
    const response = await call('/switch', {
      method: 'POST',
      body: JSON.stringify({ base: before ?? null, root: next.rootHash }),
    });
    expect(response.status).toBe(200);
    const pointer = (await response.json()) as { sequence: number; root: string; previous: string[] };
    expect(pointer.root).toBe(next.rootHash);
    expect(pointer.previous[0]).toBe(before);
    expect(await liveRoot()).toBe(next.rootHash);
    expect((await get('/articles/switched-1')).status).toBe(200);
    // What a publish sends the search index after its switch: the new articles, found.
    await endpoint().index?.({
      upsert: next.articles.map((article) => searchRow(article, releaseOf(article))),
      remove: [],
    });
    expect(await (await get('/search.json?q=switched')).text()).toContain('/articles/switched-1');
    // npm run publish -- --rollback: the publisher's own code, through this same endpoint.
    const back = await rollBack(endpoint(), webCodec);
    expect(back.sequence).toBe(pointer.sequence + 1);
    expect(back.restored).toBe(before);
    // The earlier version again, under a new root that carries the changes log up to now and the rollback's records.
    expect(await liveRoot()).toBe(back.root);
    expect(back.changes).toBeGreaterThan(0);
    expect((await get('/articles/switched-1')).status).toBe(404);
    expect((await get('/articles/sco-digital-link')).status).toBe(200);
    // What the rollback took away is out of search at once.
    expect(back.unindexed).toBe(2);
    expect(await (await get('/search.json?q=switched')).text()).not.toContain('/articles/switched-1');
  });

  it('rolls back copy but never access: a key revoked since the earlier version stays revoked', async () => {
    const digest = async (key: string) =>
      [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)))]
        .map((byte) => byte.toString(16).padStart(2, '0'))
        .join('');
    const keys = { kept: 'kept-partner-key-0123456789', revoked: 'revoked-partner-key-0123456789' };
    const partner = async (id: keyof typeof keys) => ({
      id,
      name: id,
      keySha256: await digest(keys[id]),
      sections: 'all' as const,
      embargoed: false,
    });
    const changes = async (key: string) =>
      (await get('/api/v1/changes', { headers: { Authorization: `Bearer ${key}` } })).status;
    const switchTo = async (label: string, partners: Awaited<ReturnType<typeof partner>>[]) => {
      const site = { ...testSite, baseUrl: 'http://localhost:8787' };
      const story = wireCopy(`${label}.txt`, `${label}\n2025-07-20 08:00\nBody.\nSource:www.news.cn\n`, site);
      const next = await publishArchive(site, [story], { partners }, null);
      await upload(next.objects);
      const base = (await liveRoot()) ?? null;
      const response = await call('/switch', { method: 'POST', body: JSON.stringify({ base, root: next.rootHash }) });
      expect(response.status).toBe(200);
    };
    await switchTo('with-both-keys', [await partner('kept'), await partner('revoked')]);
    expect([await changes(keys.kept), await changes(keys.revoked)]).toEqual([200, 200]);
    await switchTo('revoked-one', [await partner('kept')]);
    expect([await changes(keys.kept), await changes(keys.revoked)]).toEqual([200, 401]);
    await rollBack(endpoint(), webCodec);
    // The earlier copy is back; the earlier key list is not.
    expect((await get('/articles/with-both-keys')).status).toBe(200);
    expect((await get('/articles/revoked-one')).status).toBe(404);
    expect([await changes(keys.kept), await changes(keys.revoked)]).toEqual([200, 401]);
  });

  it('lets exactly one of two racing switches from the same base win', async () => {
    const before = await liveRoot();
    const [a, b] = [await version('race-a'), await version('race-b')];
    await upload(a.objects);
    await upload(b.objects);
    const answers = await Promise.all(
      [a, b].map((next) =>
        call('/switch', { method: 'POST', body: JSON.stringify({ base: before ?? null, root: next.rootHash }) }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect([a.rootHash, b.rootHash]).toContain(await liveRoot());
  });

  it('collects objects no kept version names, never one a kept version names', async () => {
    const before = await liveRoot();
    const live = await version('collect-live');
    await upload(live.objects);
    const switched = await call('/switch', {
      method: 'POST',
      body: JSON.stringify({ base: before ?? null, root: live.rootHash }),
    });
    expect(switched.status).toBe(200);
    const orphan = await version('orphan');
    await upload(orphan.objects);
    const collected = await call('/collect', { method: 'POST', body: JSON.stringify({ graceSeconds: 0 }) });
    expect(collected.status).toBe(200);
    expect(((await collected.json()) as { deleted: number }).deleted).toBeGreaterThanOrEqual(orphan.objects.size);
    for (const hash of orphan.objects.keys()) expect(await env.ARCHIVE.head(objectKey(hash)), hash).toBeNull();
    // The live version whole, and the one before it (a rollback target) still stored.
    for (const hash of live.objects.keys()) expect(await env.ARCHIVE.head(objectKey(hash)), hash).not.toBeNull();
    if (before) expect(await env.ARCHIVE.head(objectKey(before))).not.toBeNull();
    expect((await get('/articles/collect-live-1')).status).toBe(200);
    expect((await get('/rss.xml')).status).toBe(200);
  });
});
