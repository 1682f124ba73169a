// Freshness (SPEC, issue 23): an isolate serves the pointer it read for LIVE_POINTER_TTL_MS, then reads it again
// conditionally; a switch reaches it within that interval; a failed read keeps the last version it served.
import { describe, expect, it, vi } from 'vitest';
import type { ArchiveSource } from '../../../../src/archive/archive-source.ts';
import { buildInMemory } from '../../../../src/builder/archive/memory-archive.ts';
import { LiveArchive } from '../../../../src/worker/archive/live-archive.ts';
import { story } from '../../../support/articles.ts';
import { feedSite } from '../../../support/sites.ts';

/** Two versions in one store, the pointer switchable, every pointer read counted (and failing on demand). */
async function twoVersions() {
  const [a, b] = [
    await buildInMemory(feedSite, [story('first')]),
    await buildInMemory(feedSite, [story('first'), story('second')]),
  ];
  let live = a;
  let failing = false;
  const reads: (string | undefined)[] = [];
  const source: ArchiveSource = {
    live: async (known) => {
      reads.push(known);
      if (failing) throw new Error('R2 is unavailable');
      return live.source.live(known);
    },
    range: async (object, offset, length) =>
      (await a.source.range(object, offset, length)) ?? b.source.range(object, offset, length),
    object: async (hash) => (await a.source.object(hash)) ?? b.source.object(hash),
    media: async () => undefined,
  };
  return {
    source,
    reads,
    roots: [a.rootHash, b.rootHash],
    switchTo: (which: 0 | 1) => {
      live = which === 0 ? a : b;
    },
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

describe('the live pointer in an isolate', () => {
  it('is read once per freshness interval, conditionally, and a switch is served within it', async () => {
    const store = await twoVersions();
    let now = 0;
    const archive = new LiveArchive({ codeVersion: 'test', freshnessMs: 1000, now: () => now });
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[0]);
    store.switchTo(1);
    now = 999;
    // Still fresh: answered without a read and without a promise (a 304 costs no turn of the event loop).
    const fresh = archive.version(store.source);
    expect(fresh instanceof Promise).toBe(false);
    expect((await fresh).rootHash).toBe(store.roots[0]);
    expect(store.reads).toHaveLength(1);
    now = 1000;
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[1]);
    // The second read named the tag it knew: R2 answers an unchanged pointer without its body.
    expect(store.reads).toEqual([undefined, store.roots[0]]);
  });

  it('takes the interval from its option (wrangler.toml LIVE_POINTER_TTL_MS)', async () => {
    const store = await twoVersions();
    let now = 0;
    const archive = new LiveArchive({ codeVersion: 'test', freshnessMs: 2000, now: () => now });
    await archive.version(store.source);
    store.switchTo(1);
    now = 1999;
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[0]);
    now = 2000;
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[1]);
    expect(store.reads).toHaveLength(2);
  });

  it('keeps serving the last version when a read of the pointer fails, and reads again an interval later', async () => {
    const store = await twoVersions();
    let now = 0;
    const archive = new LiveArchive({ codeVersion: 'test', freshnessMs: 1000, now: () => now });
    await archive.version(store.source);
    store.fail(true);
    store.switchTo(1);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    now = 1000;
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[0]);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
    store.fail(false);
    now = 2000;
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[1]);
  });

  it('makes one read for many requests at once', async () => {
    const store = await twoVersions();
    const archive = new LiveArchive({ codeVersion: 'test', now: () => 0 });
    const versions = await Promise.all(Array.from({ length: 20 }, () => archive.version(store.source)));
    expect(new Set(versions.map((version) => version.rootHash))).toEqual(new Set([store.roots[0]]));
    expect(store.reads).toHaveLength(1);
  });
});
