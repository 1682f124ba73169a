/** Generates a scale-bench archive (scripts/generate-articles.ts with 50 tags and 200 sources, as the sections bench) into a folder. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchOptions } from './types.ts';

const run = promisify(execFile);

/** `count` generated wire-copy articles with tag sidecars in `dir`/articles, plus its site.yaml. */
export async function generateCorpus(options: BenchOptions, count: number, dir: string): Promise<void> {
  await run(
    process.execPath,
    ['scripts/generate-articles.ts', '--count', String(count), '--out', dir, '--sources', '200', '--tags', '50'],
    { cwd: options.root, maxBuffer: 16 * 1024 * 1024 },
  );
}
