// The build-scale figure: both panels, one series per build kind (Hugo's only when it ran), the targets, escaped text.
import { describe, expect, it } from 'vitest';
import { renderBuildScaleSvg } from '../../../bench/build-scale-svg.ts';

const MiB = 1024 * 1024;
const cost = (wallSeconds: number, mib: number) => ({ wallSeconds, maxRssBytes: mib * MiB });
const incremental = [
  { articles: 1000, clean: cost(2, 150), added: cost(0.5, 120), edited: cost(0.6, 121) },
  { articles: 10000, clean: cost(20, 400), added: cost(1.4, 300), edited: cost(1.5, 301) },
];

describe('renderBuildScaleSvg', () => {
  it('draws time and memory panels with clean, +1 and edited series and the targets', () => {
    const svg = renderBuildScaleSvg(incremental, [], 'run <1> & "2"');
    expect(svg).toContain('build wall time (s)');
    expect(svg).toContain('build peak RSS (MiB)');
    expect(svg.match(/<polyline /g)).toHaveLength(6);
    expect(svg).toContain('clean: 2.0 → 20');
    expect(svg).toContain('+1 article: 0.50 → 1.4');
    expect(svg).toContain('1 edited article: 121 → 301');
    expect(svg).toContain('clean at 100k: 40 s');
    expect(svg).toContain('+1 / edit: 3 s');
    expect(svg).toContain('1 GiB');
    expect(svg).not.toContain('Hugo');
    expect(svg).toContain('run &lt;1&gt; &amp; &quot;2&quot;');
  });

  it('adds Hugo clean builds to both panels when the hugo section ran', () => {
    const svg = renderBuildScaleSvg(
      incremental,
      [
        { articles: 1000, hugoWallSeconds: 1.4, hugoRssMiB: 200 },
        { articles: 10000, hugoWallSeconds: 9, hugoRssMiB: 900 },
      ],
      'run',
    );
    expect(svg.match(/<polyline /g)).toHaveLength(8);
    expect(svg).toContain('Hugo clean: 1.4 → 9.0');
    expect(svg).toContain('Hugo clean: 200 → 900');
  });
});
