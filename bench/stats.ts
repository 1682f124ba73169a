/** Order statistics over per-round ratios: median and percentile spread, nothing that trusts one absolute time. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] ?? Number.NaN;
  const highValue = sorted[high] ?? Number.NaN;
  return lowValue + (highValue - lowValue) * (position - low);
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

/** p10–p90 of the values. */
export function spread(values: readonly number[]): [number, number] {
  return [percentile(values, 0.1), percentile(values, 0.9)];
}

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits));
