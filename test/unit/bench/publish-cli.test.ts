// What the bench reads from wirefeed's CLI: each stage's time, the upload, the process's usage line.
import { describe, expect, it } from 'vitest';
import { readCliOutput } from '../../../bench/publish-cli.ts';

const stderr = [
  'wirefeed: parsed 2000 files in 2.2s (900/s)',
  'wirefeed: parse: 2.17s',
  'wirefeed: connect: 0.24s',
  'wirefeed: render and upload: 2.96s',
  'wirefeed: switch: 0.06s',
  'wirefeed: search index: 0.65s',
  'wirefeed: uploaded 4 object(s), 4304.5 KiB, and 0 picture file(s)',
  '',
  'wirefeed-bench-usage {"userSeconds":3.5,"systemSeconds":0.5,"maxRssBytes":104857600}',
].join('\n');

describe('readCliOutput', () => {
  it('reads the stages, the upload and the usage', () => {
    const read = readCliOutput('wirefeed: published 1000 article(s)\n', stderr);
    expect(read.stages).toEqual({
      parse: 2.17,
      connect: 0.24,
      'render and upload': 2.96,
      switch: 0.06,
      'search index': 0.65,
    });
    expect(read.uploaded).toEqual({ objects: 4, bytes: 4304.5 * 1024 });
    expect(read.cpuSeconds).toBe(4);
    expect(read.maxRssBytes).toBe(104857600);
    expect(read.summary).toBe('wirefeed: published 1000 article(s)');
  });

  it('refuses output without the usage line', () => {
    expect(() => readCliOutput('', 'wirefeed: parse: 1.00s\n')).toThrow(/no usage line/);
  });
});
