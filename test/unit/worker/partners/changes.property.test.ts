// The changes cursor against a simulated newsroom: publishes (some scheduled), time passing, rollbacks, isolates
// with an older live pointer or a skewed clock, and viewers with different sections and entitlements. From every
// cursor ever handed out, following `next` to the end gives exactly what became visible after it, each once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChangeEvent, ChangeRecord } from '../../../../src/model/change-log.ts';
import { type ChangeItem, type ChangesViewer, readChanges } from '../../../../src/worker/partners/changes.ts';
import { MemoryChangeLog } from '../../../support/memory-change-log.ts';

const sections = ['tag:economy', 'tag:sport', 'source:www.news.cn', 'source:xinhua'] as const;
const viewers: readonly ChangesViewer[] = [
  'public',
  { sections: 'all', embargoed: true },
  { sections: ['tag:economy', 'source:www.news.cn'], embargoed: true },
  { sections: ['tag:economy', 'tag:sport'], embargoed: false },
  { sections: 'all', embargoed: false },
];
/** Release relative to the publish: long past, just past, now, soon, later, much later. */
const releaseOffsets = [-86_400_000, -10, -1, 0, 1, 2, 7, 40, 300, 100_000];

type Action =
  | {
      readonly kind: 'publish';
      readonly records: readonly { slug: number; event: ChangeEvent; offset: number; sections: string[] }[];
    }
  | { readonly kind: 'rollback'; readonly picks: readonly number[] }
  | { readonly kind: 'advance'; readonly ms: number }
  | {
      readonly kind: 'poll';
      readonly client: number;
      readonly limit: number;
      readonly lag: number;
      readonly skew: number;
      readonly step: number;
    };

const publish = fc.record({
  kind: fc.constant('publish' as const),
  records: fc.array(
    fc.record({
      slug: fc.nat(6),
      event: fc.constantFrom<ChangeEvent>('published', 'updated', 'corrected', 'retracted'),
      offset: fc.constantFrom(...releaseOffsets),
      sections: fc.subarray([...sections]),
    }),
    { maxLength: 4 },
  ),
});
const rollback = fc.record({ kind: fc.constant('rollback' as const), picks: fc.array(fc.nat(1000), { maxLength: 3 }) });
const advance = fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(0, 1, 5, 30, 200, 5_000) });

function poll(consistent: boolean): fc.Arbitrary<Action> {
  return fc.record({
    kind: fc.constant('poll' as const),
    client: fc.nat(viewers.length - 1),
    limit: fc.integer({ min: 1, max: 4 }),
    // An isolate's live pointer may be a few publishes behind, and its clock a little off the others'.
    lag: consistent ? fc.constant(0) : fc.constantFrom(0, 0, 1, 3),
    skew: consistent ? fc.constant(0) : fc.constantFrom(0, -3, -1, 1, 2, 9),
    step: fc.constantFrom(1, 2, 64),
  });
}

function scenario(consistent: boolean) {
  return fc.record({
    actions: fc.array(fc.oneof(publish, publish, rollback, advance, poll(consistent), poll(consistent)), {
      maxLength: 40,
    }),
    reversed: fc.boolean(),
    loose: fc.boolean(),
    walkLimits: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
  });
}

/** When the viewer could first see the record, or undefined when it may not see it at (liveSeq, now). */
function visibleAt(viewer: ChangesViewer, record: ChangeRecord, liveSeq: number, now: number): number | undefined {
  if (record.seq > liveSeq) return undefined;
  if (
    viewer !== 'public' &&
    viewer.sections !== 'all' &&
    !record.sections.some((s) => (viewer.sections as readonly string[]).includes(s))
  )
    return undefined;
  const early = viewer !== 'public' && viewer.embargoed;
  if (!early && record.release > now) return undefined;
  return early ? record.at : Math.max(record.at, record.release);
}

function orderKey(viewer: ChangesViewer, record: ChangeRecord): [number, number, string] {
  const early = viewer !== 'public' && viewer.embargoed;
  return [early ? record.at : Math.max(record.at, record.release), record.seq, record.id];
}

function isSorted(keys: readonly [number, number, string][]): boolean {
  return keys.every((key, index) => {
    const before = keys[index - 1];
    if (before === undefined) return true;
    if (before[0] !== key[0]) return before[0] < key[0];
    if (before[1] !== key[1]) return before[1] < key[1];
    return before[2] < key[2];
  });
}

interface Handed {
  readonly viewer: ChangesViewer;
  readonly cursor: string | undefined;
  /** Every change the chain that produced this cursor gave, in order. */
  readonly given: readonly string[];
}

async function run(
  {
    actions,
    reversed,
    loose,
    walkLimits,
  }: { actions: Action[]; reversed: boolean; loose: boolean; walkLimits: number[] },
  consistent: boolean,
) {
  const log = new MemoryChangeLog({ reversed, loose });
  const byId = new Map<string, ChangeRecord>();
  let live = 0;
  let now = 1_750_000_000_000;
  const append = (records: Omit<ChangeRecord, 'id' | 'seq' | 'at'>[]) => {
    live++;
    // Ids that sort against seq (z9 before y10), so the order cannot lean on them.
    const made = records.map((record, index) => ({
      ...record,
      id: `${String.fromCharCode(122 - (live % 26))}${live}-${index}`,
      seq: live,
      at: now,
    }));
    for (const record of made) byId.set(record.id, record);
    log.append(...made);
  };
  const clients = viewers.map((viewer) => ({ viewer, cursor: undefined as string | undefined, given: [] as string[] }));
  const handed: Handed[] = viewers.map((viewer) => ({ viewer, cursor: undefined, given: [] }));

  for (const action of actions) {
    if (action.kind === 'publish')
      append(
        action.records.map(({ slug, event, offset, sections }) => ({
          event,
          slug: `story-${slug}`,
          release: now + offset,
          sections,
        })),
      );
    else if (action.kind === 'rollback') {
      // Back to an earlier version: its articles are announced again, as records of a new seq.
      const earlier = log.records;
      append(
        action.picks.flatMap((pick) => {
          const record = earlier[pick % Math.max(1, earlier.length)];
          return record
            ? [{ event: 'updated' as const, slug: record.slug, release: record.release, sections: record.sections }]
            : [];
        }),
      );
    } else if (action.kind === 'advance') now += action.ms;
    else {
      const client = clients[action.client];
      if (!client) continue;
      const isolate = { liveSeq: Math.max(0, live - action.lag), now: now + action.skew };
      const answer = await readChanges(log, client.viewer, {
        ...(client.cursor === undefined ? {} : { cursor: client.cursor }),
        limit: action.limit,
        ...isolate,
        stepSeqs: action.step,
      });
      if (!answer.ok) throw new Error(answer.reason);
      expect(answer.changes.length).toBeLessThanOrEqual(action.limit);
      checkGiven(client.viewer, answer.changes, client.given, byId, isolate);
      client.given.push(...answer.changes.map((change) => change.id));
      client.cursor = answer.next;
      handed.push({ viewer: client.viewer, cursor: answer.next, given: [...client.given] });
    }
  }

  // Later, on an isolate that knows the latest publish, every cursor ever handed out is followed to the end.
  now += 1_000;
  while (log.records.some((record) => record.release === now + 1)) now++;
  let walks = 0;
  for (const { viewer, cursor, given } of handed) {
    const seen = new Set(given);
    const walked: string[] = [];
    let at = cursor;
    for (let request = 0; ; request++) {
      const limit = walkLimits[request % walkLimits.length] ?? 1;
      const answer = await readChanges(log, viewer, {
        ...(at === undefined ? {} : { cursor: at }),
        limit,
        liveSeq: live,
        now,
      });
      if (!answer.ok) throw new Error(answer.reason);
      checkGiven(viewer, answer.changes, [...given, ...walked], byId, { liveSeq: live, now });
      walked.push(...answer.changes.map((change) => change.id));
      if (answer.changes.length === 0) {
        // Caught up: asked again a millisecond later of an archive unchanged since, nothing, and the same cursor.
        const again = await readChanges(log, viewer, { cursor: answer.next, limit, liveSeq: live, now: now + 1 });
        expect(again).toEqual({ ok: true, changes: [], next: answer.next });
        break;
      }
      at = answer.next;
      expect(request).toBeLessThan(log.records.length + 2);
    }
    const expected = log.records
      .filter((record) => visibleAt(viewer, record, live, now) !== undefined && !seen.has(record.id))
      .map((record) => record.id);
    expect(new Set(walked).size).toBe(walked.length);
    expect([...walked].sort()).toEqual([...expected].sort());
    if (consistent) {
      // One clock and isolates that are never behind: the whole history, across answers, is oldest first.
      const all = [...given, ...walked].map((id) => orderKey(viewer, byId.get(id) as ChangeRecord));
      expect(isSorted(all)).toBe(true);
    }
    walks++;
  }
  expect(walks).toBe(handed.length);
}

/** Each change given once, visible to the viewer on that isolate, in order, with its instants right. */
function checkGiven(
  viewer: ChangesViewer,
  changes: readonly ChangeItem[],
  before: readonly string[],
  byId: ReadonlyMap<string, ChangeRecord>,
  { liveSeq, now }: { liveSeq: number; now: number },
): void {
  const early = viewer !== 'public' && viewer.embargoed;
  const keys: [number, number, string][] = [];
  for (const change of changes) {
    expect(before).not.toContain(change.id);
    const record = byId.get(change.id);
    if (!record) throw new Error(`unknown change ${change.id}`);
    const at = visibleAt(viewer, record, liveSeq, now);
    expect(at, `${change.id} is visible`).toBeDefined();
    expect(change).toEqual({
      id: record.id,
      event: record.event,
      slug: record.slug,
      at: new Date(at ?? 0).toISOString(),
      ...(early && record.release > record.at ? { embargoedUntil: new Date(record.release).toISOString() } : {}),
    });
    keys.push(orderKey(viewer, record));
  }
  expect(new Set(changes.map((change) => change.id)).size).toBe(changes.length);
  expect(isSorted(keys)).toBe(true);
}

describe('changes cursor, against a simulated archive', () => {
  it('gives every change that became visible after any cursor exactly once, whatever isolate answers', async () => {
    await fc.assert(
      fc.asyncProperty(scenario(false), (input) => run(input, false)),
      { numRuns: 200 },
    );
  }, 60_000);

  it('is oldest first across answers when isolates are current and share one clock', async () => {
    await fc.assert(
      fc.asyncProperty(scenario(true), (input) => run(input, true)),
      { numRuns: 200 },
    );
  }, 60_000);
});
