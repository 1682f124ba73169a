/**
 * bench-results-build-scale.svg, hand-written: publish and build time and peak RSS against the archive size
 * (log-log): the clean publish, +1 article and 1 edited article (CLI start → served), the clean build into a folder,
 * and Hugo's clean build when the hugo section ran, with issue 23's targets as red dotted lines.
 */
import { escapeText, format, logGrid } from './log-grid.ts';
import type { SectionResult } from './types.ts';

/** One run's cost. */
interface Cost {
  readonly wallSeconds: number;
  readonly maxRssBytes: number;
}

/** One published archive size, as the scale and million sections keep it (publish-point.ts). */
export interface PublishScalePoint {
  readonly articles: number;
  readonly clean: Cost;
  readonly added: { readonly cli: Cost; readonly servedSeconds: number };
  readonly edited: { readonly cli: Cost; readonly servedSeconds: number };
  readonly folder?: Cost;
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
  publish: readonly PublishScalePoint[],
  hugo: readonly HugoScalePoint[],
  subtitle: string,
): string {
  const runs = [
    {
      name: 'clean publish',
      colour: '#1565c0',
      time: (p: PublishScalePoint) => p.clean.wallSeconds,
      rss: (p: PublishScalePoint) => p.clean.maxRssBytes,
    },
    {
      name: '+1 article → served',
      colour: '#2e7d32',
      time: (p: PublishScalePoint) => p.added.servedSeconds,
      rss: (p: PublishScalePoint) => p.added.cli.maxRssBytes,
    },
    {
      name: '1 edited → served',
      colour: '#ef6c00',
      time: (p: PublishScalePoint) => p.edited.servedSeconds,
      rss: (p: PublishScalePoint) => p.edited.cli.maxRssBytes,
    },
  ];
  const folder = publish.filter((point) => point.folder !== undefined);
  const folderColour = '#00838f';
  const hugoColour = '#6a1b9a';
  const series = (time: boolean): Series[] => [
    ...runs.map(({ name, colour, time: seconds, rss }) => ({
      name,
      colour,
      points: publish.map((point) => [point.articles, time ? seconds(point) : rss(point) / MiB] as const),
    })),
    ...(folder.length > 0
      ? [
          {
            name: 'clean build, folder',
            colour: folderColour,
            points: folder.map(
              (p) => [p.articles, time ? (p.folder?.wallSeconds ?? 0) : (p.folder?.maxRssBytes ?? 0) / MiB] as const,
            ),
          },
        ]
      : []),
    ...(hugo.length > 0
      ? [
          {
            name: 'Hugo clean',
            colour: hugoColour,
            points: hugo.map((p) => [p.articles, time ? p.hugoWallSeconds : p.hugoRssMiB] as const),
          },
        ]
      : []),
  ];
  const panels: Panel[] = [
    {
      title: 'publish / build wall time',
      unit: 's',
      series: series(true),
      targets: [
        { value: 900, label: 'clean at 1M: 15 min' },
        { value: 60, label: 'clean at 100k: 60 s' },
        { value: 3, label: '+1 / edit: 3 s' },
      ],
    },
    {
      title: 'peak RSS',
      unit: 'MiB',
      series: series(false),
      targets: [
        { value: 2048, label: 'at 1M: 2 GiB' },
        { value: 1024, label: 'at 100k: 1 GiB' },
      ],
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
<text x="8" y="18" class="title">wirefeed: publish time and memory against the archive, clean and incremental</text>
<text x="8" y="32" class="subtitle">log-log; red dotted = issue 23's targets. One run on a shared machine: read the slopes and the gaps, not the digits.</text>
<text x="8" y="45" class="subtitle">${escapeText(subtitle)}</text>
${body.join('\n')}
</svg>
`;
}

/** The figure of a run, when a section that publishes at scale (scale, million) ran; Hugo's line when hugo did. */
export function buildScaleSvg(results: readonly SectionResult[], subtitle: string): string | undefined {
  const details = (id: string) =>
    results.find((result) => result.section === id)?.details as
      | { points?: PublishScalePoint[]; point?: PublishScalePoint }
      | undefined;
  const publish = [...(details('scale')?.points ?? []), ...[details('million')?.point ?? []].flat()].sort(
    (a, b) => a.articles - b.articles,
  );
  if (publish.length === 0) return undefined;
  const hugo = (details('hugo') as { points?: HugoScalePoint[] } | undefined)?.points ?? [];
  return renderBuildScaleSvg(publish, hugo, subtitle);
}
