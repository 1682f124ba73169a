/** Result shapes every bench section returns and run.ts merges into one bench-results.json. */

/** `x` a ratio; the others absolute: sizes (KiB, MiB), times (s, ms, µs), a share (%), a count. */
export type Unit = 'x' | 'KiB' | 'MiB' | 's' | 'ms' | 'µs' | '%' | 'count';

/** One figure: a ratio to a floor measured in the same run (or a size), with its target when it has one. */
export interface Figure {
  /** Section id, e.g. `end-to-end`, `scale`, `bundle-size`. */
  readonly section: string;
  /** Stable id within the section, e.g. `rss.render`, `warm:/rss.xml:cpu`. */
  readonly id: string;
  /** What a reader sees in the table. */
  readonly label: string;
  /** The median ratio (unit `x`), or a measured size, time or count next to a limit or for information. */
  readonly value: number;
  readonly unit: Unit;
  /** p10 and p90 of the per-round ratios (absent for a single measurement). */
  readonly spread?: readonly [number, number];
  /** Upper bound the figure should stay at or below; absent for an informational figure. */
  readonly target?: number;
  /** Short note on what the floor is or how the figure was taken. */
  readonly note?: string;
}

export interface SectionResult {
  readonly section: string;
  readonly title: string;
  readonly figures: readonly Figure[];
  /** Raw numbers behind the figures (absolute times, counts): for diagnosis, never for verdicts. */
  readonly details: unknown;
}

export interface BenchOptions {
  readonly quick: boolean;
  /** Repository root (the bench runs from there). */
  readonly root: string;
  /** A scratch folder of this run, removed at the end. */
  readonly tmp: string;
  readonly progress: (message: string) => void;
  /** Archive sizes the scale section measures (e.g. 1,000, 10,000, 100,000 articles). */
  readonly scaleSizes: readonly number[];
  /** Generated articles (besides the seed) of the end-to-end section's archive. */
  readonly e2eArticles: number;
  /** Only the end-to-end scenarios whose id starts with one of these (`cold`, `search`, `release:304`); all when absent. */
  readonly scenarios?: readonly string[];
  /** Archive sizes of the dev-loop section. */
  readonly devSizes: readonly number[];
  /** The million section's archive size. */
  readonly millionArticles: number;
  /** CPU profiles of the +1 and edit publishes (scale, million): their hottest functions in the details. */
  readonly profile: boolean;
}

export function verdict(figure: Figure): 'PASS' | 'MISS' | 'info' {
  if (figure.target === undefined) return 'info';
  return figure.value <= figure.target ? 'PASS' : 'MISS';
}
