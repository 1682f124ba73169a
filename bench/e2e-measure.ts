/** The end-to-end runs: each scenario's sides in interleaved rounds, its figures, and the answers that failed. */
import { sideRequest } from './e2e-checks.ts';
import { scenarioFigures } from './e2e-figures.ts';
import type { Scenario } from './e2e-scenarios.ts';
import { type FloorTable, requestKey } from './floor-worker.ts';
import type { LoadOptions } from './load.ts';
import { runRounds } from './rounds.ts';
import type { Topology } from './topology.ts';
import type { BenchOptions, Figure } from './types.ts';

export interface MeasureOptions {
  readonly bench: BenchOptions;
  readonly topology: Topology;
  readonly table: FloorTable;
  readonly list: readonly Scenario[];
  /** The partner's `Authorization` header. */
  readonly authorization: string;
  readonly section: string;
}

function loadOptionsFor(options: BenchOptions, scenario: Scenario, table: FloorTable): LoadOptions {
  const amount = options.quick ? 1000 : 2000;
  // A 304 costs little CPU: 8x the requests keep a run at ~80 ticks of the 10 ms CPU clock.
  const notModified = scenario.sides[0]?.ifNoneMatch === true;
  // Big bodies get fewer requests: a run moves at most this many body bytes, so its time stays bounded.
  const bytesPerRun = options.quick ? 80e6 : 200e6;
  const bodyBytes = Math.max(
    ...scenario.sides.map((side) =>
      Buffer.byteLength(table[requestKey(side.path, side.authorized === true)]?.ok.body ?? ''),
    ),
  );
  return {
    amount: notModified ? amount * 8 : Math.max(400, Math.min(amount, Math.round(bytesPerRun / bodyBytes))),
    connections: 8,
    maxSeconds: (options.quick ? 2 : 4) * (notModified ? 3 : 1),
    expectStatus: notModified ? 304 : 200,
  };
}

/** The figures of every scenario, and one for the answers that were not what the scenario expects (target 0). */
export async function measureScenarios({
  bench: options,
  topology,
  table,
  list,
  authorization,
  section,
}: MeasureOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const failed: string[] = [];
  let failures = 0;
  for (const scenario of list) {
    const targets = scenario.sides.map((side) => sideRequest(side, topology.origins, table, authorization));
    const results = await runRounds(targets, {
      rounds: options.quick ? 3 : 4,
      pid: topology.pid,
      load: loadOptionsFor(options, scenario, table),
      warmUp: options.quick ? 100 : 200,
    });
    const made = scenarioFigures(section, scenario, results);
    figures.push(...made);
    const unexpected = results.flat().reduce((sum, result) => sum + result.unexpected, 0);
    if (unexpected > 0) failed.push(`${scenario.id}: ${unexpected}`);
    failures += unexpected;
    const targeted = made.map((figure) => `${figure.value}x${figure.target ? ` (≤ ${figure.target}x)` : ''}`);
    options.progress(
      `end-to-end: ${scenario.label}: ${targeted.join(', ')}${unexpected ? `; ${unexpected} failed answers` : ''}`,
    );
  }
  figures.push({
    section,
    id: 'failed-answers',
    label: 'answers other than the expected status during the runs',
    value: failures,
    unit: 'count',
    target: 0,
    note: failed.length > 0 ? failed.join(', ') : 'every answer as expected',
  });
  return figures;
}
