/** Helpers of the hand-written log-log SVG charts: text escaping, two-digit figures, the grid of a panel. */

/** Text for SVG: the XML special characters as entities. */
export const escapeText = (text: string): string =>
  text.replace(
    /[&<>"]/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character] ?? character,
  );

/** A figure with about two significant digits, for ticks and legends. */
export function format(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toPrecision(2);
}

/** The plot box and scales of one log-log panel, for `logGrid`. */
export interface LogPanel {
  readonly x: (n: number) => number;
  readonly y: (value: number) => number;
  readonly low: number;
  readonly high: number;
  readonly sizes: readonly number[];
  readonly box: { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number };
}

/** A panel's grid: a line and label per decade of the value, per archive size, and the x axis's name. */
export function logGrid({ x, y, low, high, sizes, box }: LogPanel): string[] {
  const lines: string[] = [];
  for (let decade = Math.log10(low); decade <= Math.log10(high) + 1e-9; decade++) {
    const at = y(10 ** decade).toFixed(1);
    lines.push(
      `<line x1="${box.left.toFixed(1)}" x2="${box.right.toFixed(1)}" y1="${at}" y2="${at}" class="grid"/>`,
      `<text x="${(box.left - 4).toFixed(1)}" y="${(Number(at) + 4).toFixed(1)}" class="tick" text-anchor="end">${format(10 ** decade)}</text>`,
    );
  }
  for (const n of sizes) {
    lines.push(
      `<line x1="${x(n).toFixed(1)}" x2="${x(n).toFixed(1)}" y1="${box.top}" y2="${box.bottom}" class="grid"/>`,
      `<text x="${x(n).toFixed(1)}" y="${box.bottom + 14}" class="tick" text-anchor="middle">${n >= 1e6 ? `${n / 1e6}M` : n >= 1000 ? `${n / 1000}k` : n}</text>`,
    );
  }
  lines.push(
    `<text x="${(box.left + box.right) / 2}" y="${box.bottom + 30}" class="tick" text-anchor="middle">articles (log)</text>`,
  );
  return lines;
}
