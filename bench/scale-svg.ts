/**
 * bench-results-scale.svg, hand-written: how each cost grows with the archive. One panel per cost, log-log
 * (articles on x): a flat line is a cost that does not grow; the dashed line is "grows linearly with the
 * archive" drawn through the smallest archive's point, so a reader sees at a glance which is which.
 */
import type { ScalePoint } from './scale.ts';

/** Text for SVG: the XML special characters as entities. */
export const escapeText = (text: string): string =>
  text.replace(
    /[&<>"]/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character] ?? character,
  );

interface Series {
  readonly name: string;
  readonly colour: string;
  readonly values: readonly number[];
}

interface Panel {
  readonly title: string;
  readonly unit: string;
  readonly series: readonly Series[];
  /** Cloudflare's limit, drawn as a red line when it fits the panel's range. */
  readonly limit?: { readonly value: number; readonly label: string };
}

const palette = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a'];

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
      `<text x="${x(n).toFixed(1)}" y="${box.bottom + 14}" class="tick" text-anchor="middle">${n >= 1000 ? `${n / 1000}k` : n}</text>`,
    );
  }
  lines.push(
    `<text x="${(box.left + box.right) / 2}" y="${box.bottom + 30}" class="tick" text-anchor="middle">articles (log)</text>`,
  );
  return lines;
}

export function renderScaleSvg(points: readonly ScalePoint[], subtitle: string): string {
  const articles = points.map((point) => point.articles);
  const routes = Object.keys(points[0]?.cpuMicros ?? {});
  const panels: Panel[] = [
    {
      title: 'build time',
      unit: 's',
      series: [
        { name: 'wall', colour: palette[0] as string, values: points.map((p) => p.buildSeconds) },
        { name: 'CPU', colour: palette[1] as string, values: points.map((p) => p.buildCpuSeconds) },
      ],
      limit: { value: 180, label: 'target 3 min' },
    },
    {
      title: 'build peak RSS',
      unit: 'MiB',
      series: [{ name: 'build process', colour: palette[0] as string, values: points.map((p) => p.buildRssMiB) }],
    },
    {
      title: 'stored bytes',
      unit: 'MiB',
      series: [{ name: 'build/assets', colour: palette[0] as string, values: points.map((p) => p.storageMiB) }],
    },
    {
      title: 'stored files',
      unit: 'files',
      series: [{ name: 'files', colour: palette[0] as string, values: points.map((p) => p.files) }],
      limit: { value: 100_000, label: 'Paid 100,000' },
    },
    {
      title: 'largest stored file',
      unit: 'MiB',
      series: [{ name: 'largest', colour: palette[0] as string, values: points.map((p) => p.largestFileMiB) }],
      limit: { value: 25, label: 'limit 25 MiB' },
    },
    {
      title: 'Worker bundle (gzip)',
      unit: 'KiB',
      series: [{ name: 'gzip', colour: palette[0] as string, values: points.map((p) => p.bundleGzipKiB) }],
      limit: { value: 3e6 / 1024, label: 'Free 3 MB' },
    },
    {
      title: 'start-up over an empty Worker',
      unit: 'ms',
      series: [
        { name: 'start-up', colour: palette[0] as string, values: points.map((p) => Math.max(p.startupMs, 0.1)) },
      ],
      limit: { value: 1000, label: 'limit 1 s' },
    },
    {
      title: 'V8 heap at first response',
      unit: 'MiB',
      series: [{ name: 'heap used', colour: palette[0] as string, values: points.map((p) => p.heapMiB) }],
      limit: { value: 128, label: 'limit 128 MB' },
    },
    {
      title: 'CPU per request, edge cache cold',
      unit: 'µs',
      series: routes.map((route, index) => ({
        name: route,
        colour: palette[index % palette.length] as string,
        values: points.map((p) => p.cpuMicros[route] ?? Number.NaN),
      })),
    },
  ];

  const panelWidth = 300;
  const panelHeight = 210;
  const columns = 3;
  const margin = { left: 56, right: 16, top: 34, bottom: 46 };
  const plotWidth = panelWidth - margin.left - margin.right;
  const plotHeight = panelHeight - margin.top - margin.bottom;
  const minN = Math.min(...articles);
  const maxN = Math.max(...articles);
  const decadesX = Math.max(Math.log10(maxN / minN), 1);
  const body: string[] = [];
  panels.forEach((panel, index) => {
    const ox = (index % columns) * panelWidth;
    const oy = 50 + Math.floor(index / columns) * panelHeight;
    const values = panel.series.flatMap((series) => series.values).filter((value) => value > 0);
    // y range: the data and its linear reference, padded to whole decades; the limit only if within 2 decades.
    const first = Math.min(...panel.series.map((series) => series.values[0] ?? Number.POSITIVE_INFINITY));
    const linearTop = first * (maxN / minN);
    let low = Math.min(...values);
    let high = Math.max(...values, linearTop);
    if (panel.limit && panel.limit.value <= high * 100) high = Math.max(high, panel.limit.value);
    low = 10 ** Math.floor(Math.log10(low));
    high = 10 ** Math.ceil(Math.log10(high));
    const x = (n: number): number => ox + margin.left + (Math.log10(n / minN) / decadesX) * plotWidth;
    const y = (value: number): number =>
      oy + margin.top + plotHeight - (Math.log10(value / low) / Math.log10(high / low)) * plotHeight;
    body.push(
      `<text x="${ox + margin.left}" y="${oy + 20}" class="panel">${escapeText(panel.title)} (${panel.unit})</text>`,
    );
    const box = { left: x(minN), right: x(maxN), top: oy + margin.top, bottom: oy + margin.top + plotHeight };
    body.push(...logGrid({ x, y, low, high, sizes: articles, box }));
    if (Number.isFinite(first) && first > 0) {
      body.push(
        `<line x1="${x(minN).toFixed(1)}" x2="${x(maxN).toFixed(1)}" y1="${y(first).toFixed(1)}" y2="${y(linearTop).toFixed(1)}" class="linear"><title>grows linearly with the archive</title></line>`,
      );
    }
    if (panel.limit && panel.limit.value <= high && panel.limit.value >= low) {
      body.push(
        `<line x1="${x(minN).toFixed(1)}" x2="${x(maxN).toFixed(1)}" y1="${y(panel.limit.value).toFixed(1)}" y2="${y(panel.limit.value).toFixed(1)}" class="limit"/>`,
        `<text x="${x(maxN).toFixed(1)}" y="${(y(panel.limit.value) - 3).toFixed(1)}" class="limitlabel" text-anchor="end">${escapeText(panel.limit.label)}</text>`,
      );
    }
    panel.series.forEach((series, seriesIndex) => {
      const coordinates = series.values
        .map((value, pointIndex) => [x(articles[pointIndex] as number), value > 0 ? y(value) : Number.NaN] as const)
        .filter(([, cy]) => Number.isFinite(cy));
      body.push(
        `<polyline points="${coordinates.map(([cx, cy]) => `${cx.toFixed(1)},${cy.toFixed(1)}`).join(' ')}" fill="none" stroke="${series.colour}" stroke-width="2"/>`,
      );
      coordinates.forEach(([cx, cy], pointIndex) => {
        body.push(
          `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="3" fill="${series.colour}"><title>${escapeText(`${series.name}, ${articles[pointIndex]} articles: ${format(series.values[pointIndex] ?? 0)} ${panel.unit}`)}</title></circle>`,
        );
      });
      const last = series.values[series.values.length - 1] ?? 0;
      body.push(
        `<text x="${ox + margin.left + 4}" y="${oy + margin.top + 10 + seriesIndex * 11}" class="legend" fill="${series.colour}">${escapeText(`${series.name}: ${format(series.values[0] ?? 0)} → ${format(last)}`)}</text>`,
      );
    });
  });
  const width = columns * panelWidth;
  const height = 56 + Math.ceil(panels.length / columns) * panelHeight + 10;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
<style>
.title { font-size: 15px; font-weight: 600; } .subtitle, .tick, .legend, .limitlabel { font-size: 10px; fill: #444; }
.panel { font-size: 12px; font-weight: 600; } .grid { stroke: #e6e6e6; }
.linear { stroke: #999; stroke-dasharray: 4 3; } .limit { stroke: #c62828; stroke-dasharray: 2 2; } .limitlabel { fill: #c62828; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="18" class="title">wirefeed: what grows with the archive</text>
<text x="8" y="32" class="subtitle">log-log; dashed grey = linear growth from the smallest archive; red dotted = Cloudflare limit. Absolute values of one run on a shared machine: read the slopes, not the digits.</text>
<text x="8" y="45" class="subtitle">${escapeText(subtitle)}</text>
${body.join('\n')}
</svg>
`;
}
