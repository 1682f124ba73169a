import { describe, expect, it } from 'vitest';
import { stageProgress } from '../../../src/builder/progress.ts';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('stageProgress', () => {
  it('prints one line per stage when not a terminal (CI logs)', () => {
    const out = stream(false);
    let now = 0;
    const stage = stageProgress(out, 'parsed', 'files', () => now);
    for (let done = 1; done <= 5000; done++) {
      now = done;
      stage.update(done, 5000);
    }
    stage.end(5000);
    expect(out.written).toEqual(['wirefeed: parsed 5,000 files in 5.0s (1,000/s)\n']);
  });

  it('redraws one line with count, rate and ETA on a terminal, then closes it', () => {
    const out = stream(true);
    let now = 0;
    const stage = stageProgress(out, 'rendered', 'articles', () => now);
    now = 2000;
    stage.update(1000, 4000);
    now = 2050;
    stage.update(1100, 4000); // within 100 ms: not redrawn
    now = 4000;
    stage.end(4000);
    expect(out.written).toEqual([
      '\r\x1b[Kwirefeed: rendered 1,000/4,000 articles, 500/s, ETA 6s',
      '\r\x1b[Kwirefeed: rendered 4,000 articles in 4.0s (1,000/s)\n',
    ]);
  });
});
