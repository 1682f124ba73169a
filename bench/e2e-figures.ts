/** The end-to-end figures of one scenario: each comparison as the median of per-round ratios, with p10–p90. */
import type { Scenario } from './e2e-scenarios.ts';
import type { LoadResult } from './load.ts';
import { median, round, spread } from './stats.ts';
import type { Figure } from './types.ts';

const metrics = {
  cpu: { pick: (result: LoadResult) => result.cpuPerRequestMicros, name: 'CPU/request', unit: 'µs', digits: 0 },
  p50: { pick: (result: LoadResult) => result.p50Ms, name: 'p50', unit: 'ms', digits: 2 },
} as const;

/** `results[side][round]`, side 0 the subject. */
export function scenarioFigures(section: string, scenario: Scenario, results: readonly LoadResult[][]): Figure[] {
  const subject = results[0] ?? [];
  return scenario.comparisons.map((comparison) => {
    const { pick, name, unit, digits } = metrics[comparison.metric];
    const medians = [0, comparison.against].map((side) => {
      const value = round(median((results[side] ?? []).map(pick)), digits);
      return `${scenario.sides[side]?.worker} ${value} ${unit}`;
    });
    const absolute = `${name} ${medians.join(' vs ')}`;
    const base = results[comparison.against] ?? [];
    const ratios = subject.map((result, index) => pick(result) / pick(base[index] as LoadResult));
    const [low, high] = spread(ratios);
    return {
      section,
      id: `${scenario.id}:${comparison.metric}:${comparison.against}`,
      label: `${scenario.label}: ${comparison.label}`,
      value: round(median(ratios)),
      unit: 'x',
      spread: [round(low), round(high)],
      ...(comparison.target !== undefined ? { target: comparison.target } : {}),
      note: [comparison.note, absolute].filter(Boolean).join('; '),
    };
  });
}
