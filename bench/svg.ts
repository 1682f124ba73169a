/** bench-results.svg, hand-written: one bar per ratio from 1x (log scale: left is cheaper than the floor), its target a tick. */
import { escapeText } from './log-grid.ts';
import { formatValue } from './report.ts';
import { type Figure, type SectionResult, verdict } from './types.ts';

const colours = { PASS: '#2e7d32', MISS: '#c62828', info: '#9e9e9e' } as const;

export function renderSvg(sections: readonly SectionResult[], subtitle: string): string {
  const rowHeight = 18;
  // About 6 px a character at 11 px: the longest label (shares of a limit get a suffix) fits, within bounds.
  const longest = Math.max(
    0,
    ...sections.flatMap((section) =>
      section.figures.map((figure) => figure.label.length + (figure.unit === 'x' ? 0 : 24)),
    ),
  );
  const labelWidth = Math.min(720, Math.max(430, Math.ceil(longest * 6.1)));
  const plotWidth = 440;
  const left = labelWidth + 10;
  const minRatio = 0.001;
  const maxRatio = 20;
  const x = (ratio: number): number => {
    const clamped = Math.min(Math.max(ratio, minRatio), maxRatio);
    return (
      left + ((Math.log10(clamped) - Math.log10(minRatio)) / (Math.log10(maxRatio) - Math.log10(minRatio))) * plotWidth
    );
  };
  const body: string[] = [];
  let y = 56;
  for (const section of sections) {
    const ratios = section.figures.filter((figure) => figure.unit === 'x');
    const sizes = section.figures.filter((figure) => figure.unit !== 'x' && (figure.target ?? 0) > 0);
    // An absolute figure with a target (a size, a time, a limit) is drawn as its share of the target, so it fits the same ratio axis.
    const drawn: Figure[] = [
      ...ratios,
      ...sizes.map((figure) => ({
        ...figure,
        label: `${figure.label} (share of ${formatValue(figure.target ?? 1, figure.unit)})`,
        value: figure.value / (figure.target ?? 1),
        ...(figure.spread
          ? { spread: [figure.spread[0] / (figure.target ?? 1), figure.spread[1] / (figure.target ?? 1)] as const }
          : {}),
        target: 1,
        unit: 'x' as const,
      })),
    ];
    if (drawn.length === 0) continue;
    y += 8;
    body.push(`<text x="8" y="${y + 12}" class="section">${escapeText(section.title)}</text>`);
    y += rowHeight + 2;
    for (const figure of drawn) {
      const state = verdict(figure);
      const barEnd = x(figure.value);
      const one = x(1);
      body.push(
        `<text x="${labelWidth}" y="${y + 13}" class="label" text-anchor="end">${escapeText(figure.label)}</text>`,
      );
      body.push(
        `<rect x="${Math.min(one, barEnd).toFixed(1)}" y="${y + 3}" width="${Math.max(1, Math.abs(barEnd - one)).toFixed(1)}" height="${rowHeight - 6}" fill="${colours[state]}"><title>${escapeText(`${figure.label}: ${figure.value}x${figure.target !== undefined ? ` (target ≤ ${figure.target}x, ${state})` : ''}`)}</title></rect>`,
      );
      if (figure.spread) {
        const [low, high] = figure.spread;
        body.push(
          `<line x1="${x(low).toFixed(1)}" x2="${x(high).toFixed(1)}" y1="${y + rowHeight / 2}" y2="${y + rowHeight / 2}" class="spread"/>`,
        );
      }
      if (figure.target !== undefined) {
        const tx = x(figure.target).toFixed(1);
        body.push(`<line x1="${tx}" x2="${tx}" y1="${y}" y2="${y + rowHeight}" class="target"/>`);
      }
      body.push(
        `<text x="${left + plotWidth + 6}" y="${y + 13}" class="value">${figure.value.toFixed(2)}x ${state === 'info' ? '' : state}</text>`,
      );
      y += rowHeight;
    }
  }
  const ticks = [0.001, 0.01, 0.1, 0.5, 1, 2, 5, 20]
    .map(
      (tick) =>
        `<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="48" y2="${y}" class="grid"/><text x="${x(tick).toFixed(1)}" y="44" class="tick" text-anchor="middle">${tick}x</text>`,
    )
    .join('\n');
  const oneLine = `<line x1="${x(1).toFixed(1)}" x2="${x(1).toFixed(1)}" y1="48" y2="${y}" class="one"/>`;
  const width = left + plotWidth + 110;
  const height = y + 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
<style>
.title { font-size: 15px; font-weight: 600; } .subtitle, .tick, .value, .legend { font-size: 11px; fill: #444; }
.section { font-size: 13px; font-weight: 600; } .label { font-size: 11px; }
.grid { stroke: #e0e0e0; } .one { stroke: #888; } .target { stroke: #000; stroke-width: 2; } .spread { stroke: #000; stroke-width: 1; opacity: 0.6; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="18" class="title">wirefeed bench: ratios to a floor measured in the same run (log scale from 1x; lower is better except requests/s)</text>
<text x="8" y="32" class="subtitle">${escapeText(subtitle)} — bar: median, from 1x; thin line: p10–p90; black tick: target. Green PASS, red MISS, grey informational.</text>
${ticks}
${oneLine}
${body.join('\n')}
</svg>
`;
}
