// The publish-scale figure: both panels, one series per run kind (the folder build and Hugo only when measured), the targets, escaped text.
import { describe, expect, it } from 'vitest';
import { renderBuildScaleSvg } from '../../../bench/build-scale-svg.ts';

const MiB = 1024 * 1024;
const cost = (wallSeconds: number, mib: number) => ({ wallSeconds, maxRssBytes: mib * MiB });
const change = (servedSeconds: number, mib: number) => ({ servedSeconds, cli: cost(servedSeconds, mib) });
const publish = [
  { articles: 1000, clean: cost(2, 150), added: change(0.5, 120), edited: change(0.6, 121) },
  { articles: 10000, clean: cost(20, 400), added: change(1.4, 300), edited: change(1.5, 301) },
];

describe('renderBuildScaleSvg', () => {
  it('draws time and memory panels with clean, +1 and edited series and the targets', () => {
    const svg = renderBuildScaleSvg(publish, [], 'run <1> & "2"');
    expect(svg).toContain('publish / build wall time (s)');
    expect(svg).toContain('peak RSS (MiB)');
    expect(svg.match(/<polyline /g)).toHaveLength(6);
    expect(svg).toContain('clean publish: 2.0 → 20');
    expect(svg).toContain('+1 article → served: 0.50 → 1.4');
    expect(svg).toContain('1 edited → served: 121 → 301');
    expect(svg).toContain('clean at 100k: 60 s');
    expect(svg).toContain('clean at 1M: 15 min');
    expect(svg).toContain('+1 / edit: 3 s');
    expect(svg).toContain('at 100k: 1 GiB');
    expect(svg).not.toContain('Hugo');
    expect(svg).not.toContain('folder');
    expect(svg).toContain('run &lt;1&gt; &amp; &quot;2&quot;');
  });

  it('adds the folder build and Hugo clean builds to both panels when they were measured', () => {
    const svg = renderBuildScaleSvg(
      publish.map((point) => ({ ...point, folder: cost(point.clean.wallSeconds / 2, 100) })),
      [
        { articles: 1000, hugoWallSeconds: 1.4, hugoRssMiB: 200 },
        { articles: 10000, hugoWallSeconds: 9, hugoRssMiB: 900 },
      ],
      'run',
    );
    expect(svg.match(/<polyline /g)).toHaveLength(10);
    expect(svg).toContain('clean build, folder: 1.0 → 10');
    expect(svg).toContain('Hugo clean: 1.4 → 9.0');
    expect(svg).toContain('Hugo clean: 200 → 900');
  });
});
