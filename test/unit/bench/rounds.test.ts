// The bench's interleaving: every side once a round, the order rotating and reversed every other cycle.
import { describe, expect, it } from 'vitest';
import { roundOrder } from '../../../bench/rounds.ts';

describe('roundOrder', () => {
  it('rotates the sides, then runs the rotations backwards', () => {
    expect([0, 1, 2, 3, 4, 5].map((round) => roundOrder(round, 3))).toEqual([
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
      [0, 2, 1],
      [1, 0, 2],
    ]);
  });

  it('puts each side first equally often over two cycles', () => {
    const firsts = [0, 1, 2, 3].map((round) => roundOrder(round, 2)[0]);
    expect(firsts).toEqual([0, 1, 1, 0]);
  });
});
