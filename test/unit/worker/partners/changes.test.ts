import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../../../src/model/change-log.ts';
import {
  type ChangesAnswer,
  type ChangesRequest,
  type ChangesViewer,
  parseLimit,
  readChanges,
} from '../../../../src/worker/partners/changes.ts';
import { MemoryChangeLog } from '../../../support/memory-change-log.ts';

const t0 = Date.parse('2025-07-16T08:00:00.000Z');
const minute = 60_000;
const hour = 60 * minute;

const economyEarly: ChangesViewer = { sections: ['tag:economy'], embargoed: true };
const economy: ChangesViewer = { sections: ['tag:economy'], embargoed: false };
const allEarly: ChangesViewer = { sections: 'all', embargoed: true };

/** A log of publishes: each publish is [at, records without seq and at]. */
function logOf(...publishes: [at: number, records: Partial<ChangeRecord>[]][]): MemoryChangeLog {
  const log = new MemoryChangeLog();
  publishes.forEach(([at, records], index) => {
    log.append(...records.map((record) => recordOf(index + 1, at, record)));
  });
  return log;
}

function recordOf(seq: number, at: number, record: Partial<ChangeRecord>): ChangeRecord {
  const slug = record.slug ?? `story-${seq}`;
  return {
    id: `${seq}:${slug}`,
    event: 'published',
    slug,
    seq,
    at,
    release: at,
    sections: ['tag:economy', 'source:www.news.cn'],
    ...record,
  };
}

/** The answer, failing on a 400. */
async function changes(
  log: MemoryChangeLog,
  viewer: ChangesViewer,
  request: ChangesRequest,
): Promise<ChangesAnswer & { ok: true }> {
  const answer = await readChanges(log, viewer, request);
  if (!answer.ok) throw new Error(answer.reason);
  return answer;
}

async function slugs(log: MemoryChangeLog, viewer: ChangesViewer, request: ChangesRequest) {
  const answer = await changes(log, viewer, request);
  return { slugs: answer.changes.map((change) => change.slug), next: answer.next };
}

describe('changes', () => {
  it('lists every change from the first, oldest first, each with its event and RFC 3339 instant', async () => {
    const log = logOf(
      [t0, [{ slug: 'alpha', release: t0 - hour }, { slug: 'beta' }]],
      [t0 + minute, [{ slug: 'alpha', event: 'corrected' }]],
    );
    const answer = await changes(log, 'public', { limit: 100, liveSeq: 2, now: t0 + 2 * minute });
    expect(answer.changes).toEqual([
      { id: '1:alpha', event: 'published', slug: 'alpha', at: '2025-07-16T08:00:00.000Z' },
      { id: '1:beta', event: 'published', slug: 'beta', at: '2025-07-16T08:00:00.000Z' },
      { id: '2:alpha', event: 'corrected', slug: 'alpha', at: '2025-07-16T08:01:00.000Z' },
    ]);
  });

  it('answers an unchanged archive with nothing and the same cursor, however much later', async () => {
    const log = logOf([t0, [{ slug: 'alpha' }]]);
    const first = await changes(log, 'public', { limit: 100, liveSeq: 1, now: t0 + minute });
    let checked = 0;
    for (const now of [t0 + minute, t0 + hour, t0 + 1000 * hour]) {
      expect(await changes(log, 'public', { cursor: first.next, limit: 100, liveSeq: 1, now })).toEqual({
        ok: true,
        changes: [],
        next: first.next,
      });
      checked++;
    }
    expect(checked).toBe(3);
  });

  it('keeps a scheduled article from the public until its release, then lists it at its release', async () => {
    const log = logOf([t0, [{ slug: 'scheduled', release: t0 + hour }]]);
    const before = await slugs(log, 'public', { limit: 100, liveSeq: 1, now: t0 + minute });
    expect(before.slugs).toEqual([]);
    const at = await changes(log, 'public', { cursor: before.next, limit: 100, liveSeq: 1, now: t0 + hour });
    expect(at.changes).toEqual([
      { id: '1:scheduled', event: 'published', slug: 'scheduled', at: '2025-07-16T09:00:00.000Z' },
    ]);
    expect((await slugs(log, 'public', { cursor: at.next, limit: 100, liveSeq: 1, now: t0 + 2 * hour })).slugs).toEqual(
      [],
    );
  });

  it('gives an embargoed partner scheduled copy at once, with embargoedUntil, and not again at release', async () => {
    const log = logOf([t0, [{ slug: 'scheduled', release: t0 + hour }]]);
    const early = await changes(log, economyEarly, { limit: 100, liveSeq: 1, now: t0 + minute });
    expect(early.changes).toEqual([
      {
        id: '1:scheduled',
        event: 'published',
        slug: 'scheduled',
        at: '2025-07-16T08:00:00.000Z',
        embargoedUntil: '2025-07-16T09:00:00.000Z',
      },
    ]);
    const later = await changes(log, economyEarly, { cursor: early.next, limit: 100, liveSeq: 1, now: t0 + 2 * hour });
    expect(later).toEqual({ ok: true, changes: [], next: early.next });
  });

  it('gives a partner without the embargo entitlement scheduled copy at release, like the public', async () => {
    const log = logOf([t0, [{ slug: 'scheduled', release: t0 + hour }]]);
    const before = await slugs(log, economy, { limit: 100, liveSeq: 1, now: t0 + minute });
    expect(before.slugs).toEqual([]);
    const at = await changes(log, economy, { cursor: before.next, limit: 100, liveSeq: 1, now: t0 + hour });
    expect(at.changes).toEqual([
      { id: '1:scheduled', event: 'published', slug: 'scheduled', at: '2025-07-16T09:00:00.000Z' },
    ]);
  });

  it("lists only a partner's sections", async () => {
    const log = logOf([
      t0,
      [
        { slug: 'economy', sections: ['tag:economy'] },
        { slug: 'sport', sections: ['tag:sport', 'source:xinhua'] },
        { slug: 'untagged', sections: [] },
      ],
    ]);
    const request = { limit: 100, liveSeq: 1, now: t0 };
    expect((await slugs(log, economy, request)).slugs).toEqual(['economy']);
    expect((await slugs(log, { sections: ['source:xinhua'], embargoed: false }, request)).slugs).toEqual(['sport']);
    expect((await slugs(log, allEarly, request)).slugs).toEqual(['economy', 'sport', 'untagged']);
    expect((await slugs(log, 'public', request)).slugs).toEqual(['economy', 'sport', 'untagged']);
  });

  it('answers on an isolate behind the cursor with nothing and the same cursor, and goes on once it catches up', async () => {
    const log = logOf(
      [t0, [{ slug: 'one' }]],
      [t0 + minute, [{ slug: 'two' }]],
      [t0 + 2 * minute, [{ slug: 'three' }]],
    );
    const current = await slugs(log, 'public', { limit: 100, liveSeq: 2, now: t0 + 2 * minute });
    expect(current.slugs).toEqual(['one', 'two']);
    // An older live pointer, and a clock a little behind the isolate that cut the cursor.
    let checked = 0;
    for (const behind of [
      { liveSeq: 1, now: t0 + 3 * minute },
      { liveSeq: 3, now: t0 + 2 * minute - 1 },
    ]) {
      expect(await changes(log, 'public', { cursor: current.next, limit: 100, ...behind })).toEqual({
        ok: true,
        changes: [],
        next: current.next,
      });
      checked++;
    }
    expect(checked).toBe(2);
    const caughtUp = await slugs(log, 'public', { cursor: current.next, limit: 100, liveSeq: 3, now: t0 + 3 * minute });
    expect(caughtUp.slugs).toEqual(['three']);
  });

  it('pages a long delta, and what is published meanwhile comes after it', async () => {
    const log = logOf([t0, ['a', 'b', 'c', 'd', 'e'].map((slug) => ({ slug }))]);
    const first = await slugs(log, 'public', { limit: 2, liveSeq: 1, now: t0 });
    expect(first.slugs).toEqual(['a', 'b']);
    log.append(recordOf(2, t0 + minute, { slug: 'late' }));
    const walk = [first.slugs];
    let next = first.next;
    for (let page = 0; page < 5; page++) {
      const answer = await slugs(log, 'public', { cursor: next, limit: 2, liveSeq: 2, now: t0 + minute });
      walk.push(answer.slugs);
      next = answer.next;
    }
    expect(walk).toEqual([['a', 'b'], ['c', 'd'], ['e'], ['late'], [], []]);
  });

  it('a rollback is listed like a publish: its records come once more, as new changes', async () => {
    const log = logOf([t0, [{ slug: 'alpha' }]], [t0 + minute, [{ slug: 'alpha', event: 'corrected' }]]);
    const seen = await slugs(log, 'public', { limit: 100, liveSeq: 2, now: t0 + minute });
    log.append(recordOf(3, t0 + 2 * minute, { slug: 'alpha', event: 'updated' }));
    const after = await changes(log, 'public', { cursor: seen.next, limit: 100, liveSeq: 3, now: t0 + 2 * minute });
    expect(after.changes.map(({ id, event }) => `${id} ${event}`)).toEqual(['3:alpha updated']);
  });

  it('reads a long catch-up a step of publishes at a time, not the whole log for every page', async () => {
    const log = new MemoryChangeLog();
    for (let seq = 1; seq <= 300; seq++)
      log.append(
        recordOf(seq, t0 + seq * minute, { slug: `a${seq}` }),
        recordOf(seq, t0 + seq * minute, { slug: `b${seq}` }),
      );
    let next: string | undefined;
    let given = 0;
    let mostRead = 0;
    for (let request = 0; request < 100; request++) {
      const read = log.recordsRead;
      const answer = await changes(log, 'public', {
        ...(next === undefined ? {} : { cursor: next }),
        limit: 10,
        liveSeq: 300,
        now: t0 + 301 * minute,
      });
      mostRead = Math.max(mostRead, log.recordsRead - read);
      given += answer.changes.length;
      next = answer.next;
      if (answer.changes.length === 0) break;
    }
    expect(given).toBe(600);
    expect(mostRead).toBeLessThanOrEqual(64 * 2);
  });
  it('never lets a catch-up step reach past the clock of the isolate that answers', async () => {
    // The publisher's clock is 5 ms ahead of this isolate's: a step ends at its publishes' switch at the latest,
    // and never after this isolate's now, so the public is not given what this isolate has not yet released.
    const log = logOf([t0 + 10, [{ slug: 'at-switch', release: t0 + 10 }]], [t0 + 10, [{ slug: 'next' }]]);
    const answer = await slugs(log, 'public', { limit: 100, liveSeq: 2, now: t0 + 5, stepSeqs: 1 });
    expect(answer.slugs).toEqual([]);
    const later = await slugs(log, 'public', {
      cursor: answer.next,
      limit: 100,
      liveSeq: 2,
      now: t0 + 10,
      stepSeqs: 1,
    });
    expect(later.slugs).toEqual(['at-switch', 'next']);
  });
});

describe('changes when an entitlement changes', () => {
  it('gives a partner newly entitled to embargoed copy the scheduled copy it had not seen, once', async () => {
    const log = logOf([t0, [{ slug: 'now' }, { slug: 'scheduled', release: t0 + hour }]]);
    const asPublic = await slugs(log, economy, { limit: 100, liveSeq: 1, now: t0 + minute });
    expect(asPublic.slugs).toEqual(['now']);
    const entitled = await changes(log, economyEarly, {
      cursor: asPublic.next,
      limit: 100,
      liveSeq: 1,
      now: t0 + 2 * minute,
    });
    expect(entitled.changes.map((change) => [change.slug, change.embargoedUntil])).toEqual([
      ['scheduled', '2025-07-16T09:00:00.000Z'],
    ]);
    expect(
      (await slugs(log, economyEarly, { cursor: entitled.next, limit: 100, liveSeq: 1, now: t0 + 2 * hour })).slugs,
    ).toEqual([]);
  });

  it('does not repeat early copy at release to a partner that lost the entitlement', async () => {
    const log = logOf([t0, [{ slug: 'scheduled', release: t0 + hour }]]);
    const early = await slugs(log, economyEarly, { limit: 100, liveSeq: 1, now: t0 + minute });
    expect(early.slugs).toEqual(['scheduled']);
    log.append(recordOf(2, t0 + 30 * minute, { slug: 'other' }));
    const after = await slugs(log, economy, { cursor: early.next, limit: 100, liveSeq: 2, now: t0 + 2 * hour });
    expect(after.slugs).toEqual(['other']);
  });

  it('gives nothing twice to a partner whose sections change while it pages', async () => {
    const log = logOf([
      t0,
      [
        { slug: 'e1', sections: ['tag:economy'] },
        { slug: 'e2', sections: ['tag:economy'] },
        { slug: 's1', sections: ['tag:sport'] },
      ],
    ]);
    const first = await slugs(log, allEarly, { limit: 2, liveSeq: 1, now: t0 });
    expect(first.slugs).toEqual(['e1', 'e2']);
    log.append(recordOf(2, t0 + minute, { slug: 'e3', sections: ['tag:economy'] }));
    const narrowed = await slugs(log, economyEarly, { cursor: first.next, limit: 2, liveSeq: 2, now: t0 + minute });
    expect(narrowed.slugs).toEqual(['e3']);
  });
});

describe('changes limit and cursor', () => {
  const log = logOf([t0, [{ slug: 'alpha' }]]);

  it('refuses a limit outside 1 to 100 or not a whole number', async () => {
    let checked = 0;
    for (const limit of [0, 101, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(await readChanges(log, 'public', { limit, liveSeq: 1, now: t0 })).toEqual({
        ok: false,
        status: 400,
        reason: 'limit must be a whole number from 1 to 100',
      });
      checked++;
    }
    expect(checked).toBe(6);
  });

  it('reads the query limit only when written plainly, defaulting to 100', () => {
    expect(parseLimit(undefined)).toEqual({ ok: true, limit: 100 });
    let read = 0;
    for (const [text, limit] of [
      ['1', 1],
      ['37', 37],
      ['100', 100],
    ] as const) {
      expect(parseLimit(text)).toEqual({ ok: true, limit });
      read++;
    }
    expect(read).toBe(3);
    let checked = 0;
    for (const text of ['', '0', '101', '01', '+5', '-5', '1e2', ' 5', '5 ', '5.0', '0x10', 'abc', '1000000000000']) {
      expect(parseLimit(text).ok, text).toBe(false);
      checked++;
    }
    expect(checked).toBe(13);
  });

  it('refuses a malformed cursor with 400, and an empty one', async () => {
    let checked = 0;
    for (const cursor of ['', 'nonsense!', 'MS4w', 'A'.repeat(10_000)]) {
      expect(await readChanges(log, 'public', { cursor, limit: 10, liveSeq: 1, now: t0 })).toMatchObject({
        ok: false,
        status: 400,
      });
      checked++;
    }
    expect(checked).toBe(4);
  });
});
