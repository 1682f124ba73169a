/** A build worker thread: renders the article and ninjs packs the main thread sends (pack-pool.ts), one message each. */
import { parentPort } from 'node:worker_threads';
import { nodeStrongEtag } from '../catalog/node-etag.ts';
import { type PackFiles, type PackJob, renderArticlePack } from './article-pack.ts';
import { renderNinjsPack } from './ninjs-pack.ts';
import { useTextEtag } from './text-etag.ts';

/** What the main thread sends: a job and its number, answered with the same number. */
export interface PackRequest {
  readonly id: number;
  readonly job: PackJob;
}

/** The answer: the files, or the error's text (the main thread fails the build with it). */
export type PackResponse =
  | { readonly id: number; readonly files: PackFiles }
  | { readonly id: number; readonly error: string };

useTextEtag(nodeStrongEtag);

/** Renders the files `job` asks for; the same bytes as buildSite's in-place rendering (the renderers are pure). */
async function render(job: PackJob): Promise<PackFiles> {
  return {
    ...(job.page ? { page: await renderArticlePack(job.site, job.members, job.htmlHeaders) } : {}),
    ...(job.ninjs ? { ninjs: await renderNinjsPack(job.site, job.members, job.ninjsHeaders) } : {}),
  };
}

parentPort?.on('message', ({ id, job }: PackRequest) => {
  render(job).then(
    (files) => parentPort?.postMessage({ id, files } satisfies PackResponse),
    (error: unknown) =>
      parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
