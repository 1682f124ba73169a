// Where a CPU profile spent its time: self time summed per function, largest first, with its share.
import { describe, expect, it } from 'vitest';
import { hotFunctions } from '../../../bench/cpu-profile.ts';

const frame = (functionName: string, line: number) => ({
  functionName,
  url: 'file:///work/wirefeed/src/builder/run-build.ts',
  lineNumber: line,
});

describe('hotFunctions', () => {
  it('sums each function’s samples and ranks them', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('parse', 9) },
        { id: 2, callFrame: frame('', 19) },
        { id: 3, callFrame: frame('parse', 9) },
      ],
      samples: [1, 2, 3, 1],
      timeDeltas: [1000, 2000, 3000, 4000],
    };
    expect(hotFunctions(profile)).toEqual({
      totalMs: 10,
      top: [
        { function: 'parse src/builder/run-build.ts:10', ms: 8, percent: 80 },
        { function: '(anonymous) src/builder/run-build.ts:20', ms: 2, percent: 20 },
      ],
    });
  });
});
