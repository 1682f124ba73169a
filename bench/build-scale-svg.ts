/**
 * bench-results-build-scale.svg, hand-written: build wall time and peak RSS against archive size (log-log), the
 * clean build next to the incremental ones (+1 article, 1 edited) and Hugo's clean build when the hugo section ran,
 * with issue 16's targets as red reference lines.
 */
import { escapeText, format, logGrid } from './scale-svg.ts';

/** One build's cost as the incremental section's details keep it. */
interface Cost {
  readonly wallSeconds: number;
  readonly maxRssBytes: number;
}

/** The incremental section's details, one per archive size. */
export interface IncrementalPoint {
  readonly articles: number;
  readonly clean: Cost;
  readonly added: Cost;
  readonly edited: Cost;
}

/** Hugo's clean build per archive size (the hugo section's medians). */
export interface HugoScalePoint {
  readonly articles: number;
  readonly hugoWallSeconds: number;
  readonly hugoRssMiB: number;
}

interface Series {
  readonly name: string;
  readonly colour: string;
  /** [articles, value] pairs; each series may have its own sizes. */
  readonly points: readonly (readonly [number, number])[];
}

interface Panel {
  readonly title: string;
  readonly unit: string;
  readonly series: readonly Series[];
  readonly targets: readonly { readonly value: number; readonly label: string }[];
}

const MiB = 1024 * 1024;
const width = 460;
const height = 300;
const margin = { left: 60, right: 20, top: 34, bottom: 46 };

function renderPanel(panel: Panel, ox: number, oy: number): string[] {
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const all = panel.series.flatMap((series) => series.points).filter(([n, value]) => n > 0 && value > 0);
  const sizes = [...new Set(all.map(([n]) => n))].sort((a, b) => a - b);
  const minN = sizes[0] ?? 1;
  const maxN = sizes.at(-1) ?? 10;
  const decadesX = Math.max(Math.log10(maxN / minN), 1);
  const values = [...all.map(([, value]) => value), ...panel.targets.map((target) => target.value)];
  const low = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const x = (n: number): number => ox + margin.left + (Math.log10(n / minN) / decadesX) * plotWidth;
  const y = (value: number): number =>
    oy + margin.top + plotHeight - (Math.log10(value / low) / Math.max(Math.log10(high / low), 1)) * plotHeight;
  const [left, right, top, bottom] = [x(minN), x(minN) + plotWidth, oy + margin.top, oy + margin.top + plotHeight];
  const body = [
    `<text x="${left}" y="${oy + 20}" class="panel">${escapeText(`${panel.title} (${panel.unit})`)}</text>`,
  ];
  body.push(...logGrid({ x, y, low, high, sizes, box: { left, right, top, bottom } }));
  for (const target of panel.targets) {
    const at = y(target.value).toFixed(1);
    body.push(
      `<line x1="${left.toFixed(1)}" x2="${right.toFixed(1)}" y1="${at}" y2="${at}" class="target"/>`,
      `<text x="${right.toFixed(1)}" y="${(Number(at) - 3).toFixed(1)}" class="targetlabel" text-anchor="end">${escapeText(target.label)}</text>`,
    );
  }
  panel.series.forEach((series, index) => {
    const points = series.points.filter(([n, value]) => n > 0 && value > 0);
    body.push(
      `<polyline points="${points.map(([n, value]) => `${x(n).toFixed(1)},${y(value).toFixed(1)}`).join(' ')}" fill="none" stroke="${series.colour}" stroke-width="2"/>`,
      ...points.map(
        ([n, value]) =>
          `<circle cx="${x(n).toFixed(1)}" cy="${y(value).toFixed(1)}" r="3" fill="${series.colour}"><title>${escapeText(`${series.name}, ${n} articles: ${format(value)} ${panel.unit}`)}</title></circle>`,
      ),
      `<text x="${left + 4}" y="${top + 10 + index * 11}" class="legend" fill="${series.colour}">${escapeText(
        `${series.name}: ${points.map(([, value]) => format(value)).join(' → ')}`,
      )}</text>`,
    );
  });
  return body;
}

export function renderBuildScaleSvg(
  incremental: readonly IncrementalPoint[],
  hugo: readonly HugoScalePoint[],
  subtitle: string,
): string {
  const builds = [
    { name: 'clean', colour: '#1565c0', cost: (point: IncrementalPoint) => point.clean },
    { name: '+1 article', colour: '#2e7d32', cost: (point: IncrementalPoint) => point.added },
    { name: '1 edited article', colour: '#ef6c00', cost: (point: IncrementalPoint) => point.edited },
  ];
  const hugoColour = '#6a1b9a';
  const panels: Panel[] = [
    {
      title: 'build wall time',
      unit: 's',
      series: [
        ...builds.map(({ name, colour, cost }) => ({
          name,
          colour,
          points: incremental.map((point) => [point.articles, cost(point).wallSeconds] as const),
        })),
        ...(hugo.length > 0
          ? [
              {
                name: 'Hugo clean',
                colour: hugoColour,
                points: hugo.map((p) => [p.articles, p.hugoWallSeconds] as const),
              },
            ]
          : []),
      ],
      targets: [
        { value: 40, label: 'clean at 100k: 40 s' },
        { value: 3, label: '+1 / edit: 3 s' },
      ],
    },
    {
      title: 'build peak RSS',
      unit: 'MiB',
      series: [
        ...builds.map(({ name, colour, cost }) => ({
          name,
          colour,
          points: incremental.map((point) => [point.articles, cost(point).maxRssBytes / MiB] as const),
        })),
        ...(hugo.length > 0
          ? [{ name: 'Hugo clean', colour: hugoColour, points: hugo.map((p) => [p.articles, p.hugoRssMiB] as const) }]
          : []),
      ],
      targets: [{ value: 1024, label: '1 GiB' }],
    },
  ];
  const body = panels.flatMap((panel, index) => renderPanel(panel, index * width, 50));
  const total = { width: panels.length * width, height: 50 + height + 10 };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total.width}" height="${total.height}" viewBox="0 0 ${total.width} ${total.height}" font-family="system-ui, sans-serif">
<style>
.title { font-size: 15px; font-weight: 600; } .subtitle, .tick, .legend, .targetlabel { font-size: 10px; fill: #444; }
.panel { font-size: 12px; font-weight: 600; } .grid { stroke: #e6e6e6; }
.target { stroke: #c62828; stroke-dasharray: 2 2; } .targetlabel { fill: #c62828; }
.legend, .targetlabel { paint-order: stroke; stroke: #fff; stroke-width: 3px; }
</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="18" class="title">wirefeed: build time and memory against the archive, clean and incremental</text>
<text x="8" y="32" class="subtitle">log-log; red dotted = issue 16's targets. One run on a shared machine: read the slopes and the gaps, not the digits.</text>
<text x="8" y="45" class="subtitle">${escapeText(subtitle)}</text>
${body.join('\n')}
</svg>
`;
}
