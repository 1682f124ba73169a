/** Interleaved rounds: every side loaded once a round, the order rotating (A B C, B C A, …) and reversed every other cycle. */
import { type LoadOptions, type LoadResult, load } from './load.ts';

export interface LoadTarget {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RoundsOptions {
  readonly rounds: number;
  /** The process whose CPU the runs measure. */
  readonly pid: number;
  /** Each run; its headers are merged under each target's. */
  readonly load: LoadOptions;
  /** Requests each target gets once before the rounds (fills caches, warms the isolate). */
  readonly warmUp: number;
  /** Told after each run. */
  readonly ran?: (side: number, result: LoadResult) => void;
}

/** The order of round `index` over `count` sides. */
export function roundOrder(index: number, count: number): number[] {
  const shift = index % count;
  const sides = Array.from({ length: count }, (_, side) => side);
  const rotated = [...sides.slice(shift), ...sides.slice(0, shift)];
  return Math.floor(index / count) % 2 === 0 ? rotated : rotated.reverse();
}

/** Results per side, one per round (round r of every side is comparable). */
export async function runRounds(targets: readonly LoadTarget[], options: RoundsOptions): Promise<LoadResult[][]> {
  const optionsFor = (target: LoadTarget, amount: number): LoadOptions => ({
    ...options.load,
    amount,
    headers: { ...options.load.headers, ...target.headers },
  });
  for (const target of targets) await load(target.url, options.pid, optionsFor(target, options.warmUp));
  const results: LoadResult[][] = targets.map(() => []);
  for (let index = 0; index < options.rounds; index++) {
    for (const side of roundOrder(index, targets.length)) {
      const target = targets[side] as LoadTarget;
      const result = await load(target.url, options.pid, optionsFor(target, options.load.amount));
      // Failed answers are counted (the section reports them, target 0); more than 10 % means the run measures nothing.
      if (result.unexpected > 0.1 * Math.max(result.requests, 100))
        throw new Error(
          `${target.url}: ${result.unexpected} unexpected responses of ${result.requests} (statuses ${JSON.stringify(result.unexpectedStatuses)}, the rest connection errors or timeouts)`,
        );
      results[side]?.push(result);
      options.ran?.(side, result);
    }
  }
  return results;
}
