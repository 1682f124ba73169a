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
  let held: Promise<void> | undefined;
  const reads: (string | undefined)[] = [];
  const source: ArchiveSource = {
    live: async (known) => {
      const target = live;
      reads.push(known);
      await held;
      if (failing) throw new Error('R2 is unavailable');
      const stored = await target.source.live(known);
      // b is the second publish: its pointer's sequence is 2.
      return target === b && typeof stored === 'object'
        ? { ...stored, text: stored.text.replace('"sequence":1', '"sequence":2') }
        : stored;
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
    /** Pointer reads that start from now on wait until the function returned is called: reads under way. */
    hold: (): (() => void) => {
      let release = () => {};
      held = new Promise((done) => {
        release = done;
      });
      return release;
    },
  };
}

/** An isolate that served the first version at 0 ms, the pointer then switched to the second; `at(ms)` sets its clock. */
async function servedThenSwitched(freshnessMs = 1000) {
  const store = await twoVersions();
  let now = 0;
  const archive = new LiveArchive({ codeVersion: 'test', freshnessMs, now: () => now });
  await archive.version(store.source);
  store.switchTo(1);
  return {
    store,
    archive,
    at: (ms: number) => {
      now = ms;
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
    const { store, archive, at } = await servedThenSwitched(2000);
    at(1999);
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[0]);
    at(2000);
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[1]);
    expect(store.reads).toHaveLength(2);
  });

  it('keeps serving the last version when a read of the pointer fails, and reads again an interval later', async () => {
    const { store, archive, at } = await servedThenSwitched();
    store.fail(true);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    at(1000);
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[0]);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
    store.fail(false);
    at(2000);
    expect((await archive.version(store.source)).rootHash).toBe(store.roots[1]);
  });

  // Sharing the promise of a read between requests is what workerd cannot always route back to each request
  // (live-archive.ts): many requests at once share the read's result, never its promise.
  it('makes one read for many requests at once, which only the request that reads waits for', async () => {
    const { store, archive, at } = await servedThenSwitched();
    at(1000);
    const release = store.hold();
    const answers = Array.from({ length: 20 }, () => archive.version(store.source));
    // The first request reads and waits for its own read; the others get the version known, at once.
    expect(answers[0] instanceof Promise).toBe(true);
    expect(answers.slice(1).filter((answer) => answer instanceof Promise)).toEqual([]);
    expect(answers.slice(1).map((answer) => (answer as { rootHash: string }).rootHash)).toEqual(
      Array(19).fill(store.roots[0]),
    );
    release();
    expect((await answers[0])?.rootHash).toBe(store.roots[1]);
    expect(store.reads).toHaveLength(2);
    // From then on the new version, without a read, until the interval has passed again.
    at(1999);
    expect((archive.version(store.source) as { rootHash: string }).rootHash).toBe(store.roots[1]);
    expect(store.reads).toHaveLength(2);
  });

  it('starts another read when one has been under way for a whole interval (its request may be gone)', async () => {
    const { store, archive, at } = await servedThenSwitched();
    at(1000);
    store.hold(); // never released: the request that started it was cancelled
    const abandoned = archive.version(store.source);
    expect(abandoned instanceof Promise).toBe(true);
    at(1999);
    expect(archive.version(store.source) instanceof Promise).toBe(false);
    at(2000);
    const retried = archive.version(store.source);
    expect(retried instanceof Promise).toBe(true);
    expect(retried).not.toBe(abandoned);
    expect(store.reads).toHaveLength(3);
  });

  it('lets each request of a cold isolate read for itself, and keeps the newest version whatever order reads end in', async () => {
    const store = await twoVersions();
    const archive = new LiveArchive({ codeVersion: 'test', now: () => 0 });
    const releaseFirst = store.hold();
    const first = archive.version(store.source);
    store.switchTo(1);
    const releaseSecond = store.hold();
    const second = archive.version(store.source);
    expect(first instanceof Promise && second instanceof Promise && first !== second).toBe(true);
    expect(store.reads).toEqual([undefined, undefined]);
    // The read that started later (the newer pointer) ends first; the older one ends after it and changes nothing.
    releaseSecond();
    expect((await second).rootHash).toBe(store.roots[1]);
    releaseFirst();
    expect((await first).rootHash).toBe(store.roots[1]);
    expect(archive.known?.rootHash).toBe(store.roots[1]);
  });
});
