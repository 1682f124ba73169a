/** A build worker thread: parses article files and renders article and ninjs packs the main thread sends (build-pool.ts). */
import { parentPort } from 'node:worker_threads';
import { nodeStrongEtag } from '../catalog/node-etag.ts';
import { type ParseJob, parseFile } from '../catalog/parse-file.ts';
import type { ParseResult } from '../content/parse-result.ts';
import { type PackFiles, type PackJob, renderArticlePack } from './article-pack.ts';
import { renderNinjsPack } from './ninjs-pack.ts';
import { useTextEtag } from './text-etag.ts';

/** What the main thread sends: a job and its number, answered with the same number. */
export type BuildRequest =
  | { readonly id: number; readonly kind: 'pack'; readonly job: PackJob }
  | { readonly id: number; readonly kind: 'parse'; readonly job: ParseJob };

/** The answer: the job's result (a ParseResult's lazy bodies are read into the message), or the error's text. */
export type BuildResponse =
  | { readonly id: number; readonly result: PackFiles | ParseResult }
  | { readonly id: number; readonly error: string };

useTextEtag(nodeStrongEtag);

/** Renders the files `job` asks for; the same bytes as buildSite's in-place rendering (the renderers are pure). */
async function renderPack(job: PackJob): Promise<PackFiles> {
  return {
    ...(job.page ? { page: await renderArticlePack(job.site, job.members, job.htmlHeaders) } : {}),
    ...(job.ninjs ? { ninjs: await renderNinjsPack(job.site, job.members, job.ninjsHeaders) } : {}),
  };
}

parentPort?.on('message', (request: BuildRequest) => {
  const { id } = request;
  const result =
    request.kind === 'pack' ? renderPack(request.job) : Promise.resolve().then(() => parseFile(request.job));
  result.then(
    (value) => parentPort?.postMessage({ id, result: value } satisfies BuildResponse),
    (error: unknown) =>
      parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
