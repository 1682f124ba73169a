// What a publish tells partners it did to each article: only what changes the copy they receive.
import { describe, expect, it } from 'vitest';
import type { ShardEntry } from '../../../../src/archive/shard.ts';
import { changeRecords } from '../../../../src/builder/archive/plan-changes.ts';
import { articleFormatNames } from '../../../../src/model/article-formats.ts';

const etagsWith = (ninjs: string) => articleFormatNames.map((format) => (format === 'ninjs' ? ninjs : `"${format}-x"`));

function entry(
  slug: string,
  change: Partial<{ identity: string; ninjs: string; lifecycle: number; release: number; sections: string[] }> = {},
): ShardEntry {
  return [
    slug,
    change.release ?? 1_000,
    change.sections ?? ['source:www.news.cn'],
    'a'.repeat(64),
    0,
    [1, 2, 3],
    etagsWith(change.ninjs ?? '"n1"'),
    change.identity ?? 'id-1',
    change.lifecycle ?? 0,
  ];
}

const events = (before: ShardEntry[], after: ShardEntry[]) =>
  changeRecords(
    new Map(before.map((item) => [item[0], item])),
    new Map(after.map((item) => [item[0], item])),
    7,
    5_000,
  ).map((record) => `${record.slug} ${record.event}`);

describe('the changes a publish records', () => {
  it('names each kind of change once, in slug order, with ids of the publish', () => {
    const before = [entry('edited'), entry('fixed'), entry('pulled'), entry('same'), entry('gone')];
    const after = [
      entry('edited', { identity: 'id-2', ninjs: '"n2"' }),
      entry('fixed', { identity: 'id-2', ninjs: '"n2"', lifecycle: 1 }),
      entry('pulled', { identity: 'id-2', ninjs: '"n2"', lifecycle: -1 }),
      entry('same'),
      entry('new'),
    ];
    expect(events(before, after)).toEqual([
      'edited updated',
      'fixed corrected',
      'gone retracted',
      'new published',
      'pulled retracted',
    ]);
    const ids = changeRecords(new Map(), new Map([['new', entry('new')]]), 7, 5_000).map((record) => record.id);
    expect(ids).toEqual(['7.0']);
  });

  it('records nothing when only the code or the site settings moved and the partner copy is the same', () => {
    expect(events([entry('a')], [entry('a', { identity: 'id-after-a-code-change' })])).toEqual([]);
  });

  it('records an update when the copy is the same but its release or its sections moved', () => {
    expect(events([entry('a')], [entry('a', { identity: 'id-2', release: 2_000 })])).toEqual(['a updated']);
    expect(events([entry('a')], [entry('a', { identity: 'id-2', sections: ['tag:economy'] })])).toEqual(['a updated']);
  });
});
