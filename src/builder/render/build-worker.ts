/** A build worker thread: parses article files and runs render jobs (render-jobs.ts) the main thread sends (build-pool.ts). */
import { parentPort } from 'node:worker_threads';
import type { ParseResult } from '../../content/parse-result.ts';
import { encodeBodies, fieldsOf } from '../content/body-spill.ts';
import { type ParseJob, parseFile } from '../content/parse-file.ts';
import { nodeStrongEtag } from './node-etag.ts';
import { type JobContext, type JobResult, type RenderJob, runRenderJob } from './render-jobs.ts';
import { useTextEtag } from './text-etag.ts';
import { type CatalogEntry, fromCatalog } from './thread-catalog.ts';

/** The context of the build's render jobs, sent once before the first of them. */
export interface ContextMessage {
  readonly kind: 'context';
  readonly context: JobContext;
}

/** What the main thread sends: the context, or a job and its number, answered with the same number. */
export type BuildRequest =
  | ContextMessage
  | { readonly id: number; readonly kind: 'render'; readonly job: RenderJob; readonly members: readonly CatalogEntry[] }
  | { readonly id: number; readonly kind: 'parse'; readonly job: ParseJob };

/**
 * The answer: the job's result, or the error's text. A parsed article comes without its bodies, which follow
 * as bytes (moved, not copied) with its content hash: the main thread never holds them as text.
 */
export type BuildResponse =
  | {
      readonly id: number;
      readonly result: JobResult | ParseResult;
      readonly parsed?: { readonly hash: string; readonly bodies: ReturnType<typeof encodeBodies> };
    }
  | { readonly id: number; readonly error: string };

useTextEtag(nodeStrongEtag);

let context: JobContext | undefined;

/** The buffers a job result hands over: moved to the main thread, not copied. */
function transferred(result: JobResult | ParseResult): ArrayBuffer[] {
  if (!('files' in result)) return [];
  const buffers = [...result.files.map((file) => file.bytes), ...(result.records ?? []).map((record) => record.bytes)];
  return buffers.map((bytes) => bytes.buffer).filter((buffer) => buffer instanceof ArrayBuffer);
}

parentPort?.on('message', (request: BuildRequest) => {
  if (request.kind === 'context') {
    context = request.context;
    return;
  }
  const { id } = request;
  const result: Promise<JobResult | ParseResult> =
    request.kind === 'render'
      ? Promise.resolve().then(() => {
          if (context === undefined) throw new Error('a render job before its context');
          return runRenderJob(context, request.job, fromCatalog(request.members));
        })
      : Promise.resolve().then(() => parseFile(request.job));
  result.then(
    (value) => {
      if ('ok' in value && value.ok && !value.draft) {
        // The hash the parse cache keys the article by (render-cache.ts), taken of the whole article here.
        const hash = nodeStrongEtag(JSON.stringify(value.article));
        const bodies = encodeBodies(value.article);
        const result = { ...value, article: fieldsOf(value.article) };
        parentPort?.postMessage({ id, result, parsed: { hash, bodies } } as BuildResponse, [
          bodies.text.bytes.buffer as ArrayBuffer,
          bodies.html.bytes.buffer as ArrayBuffer,
        ]);
        return;
      }
      parentPort?.postMessage({ id, result: value } satisfies BuildResponse, transferred(value));
    },
    (error: unknown) =>
      parentPort?.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
