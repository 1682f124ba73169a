/** A build worker thread: parses article files and renders article blocks (block.ts) the main thread sends (build-pool.ts). */
import { parentPort } from 'node:worker_threads';
import type { ParseResult } from '../../content/parse-result.ts';
import { nodeCodec } from '../archive/node-codec.ts';
import { encodeBodies, fieldsOf } from '../content/body-spill.ts';
import { type ParseJob, parseFile } from '../content/parse-file.ts';
import { type BlockContext, type RenderedBlock, renderBlock } from './block.ts';
import { nodeStrongEtag } from './node-etag.ts';
import { type CatalogEntry, fromCatalog } from './thread-catalog.ts';

/** The context of the build's blocks (the site, each format's shared headers), sent once before the first of them. */
export interface ContextMessage {
  readonly kind: 'context';
  readonly context: BlockContext;
}

type JobResult = readonly RenderedBlock[];

/** What the main thread sends: the context, or a job and its number, answered with the same number. */
export type BuildRequest =
  | ContextMessage
  | {
      readonly id: number;
      readonly kind: 'blocks';
      readonly members: readonly CatalogEntry[];
      /** Whether each member's raw fragments come back too (page 1 of a list it heads). */
      readonly keep: readonly boolean[];
    }
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

let context: BlockContext | undefined;

/** The buffers a job result hands over: moved to the main thread, not copied. */
function transferred(result: JobResult | ParseResult): ArrayBuffer[] {
  if (!Array.isArray(result)) return [];
  const buffers = (result as JobResult).flatMap((block) => [block.bytes, ...(block.fragments ?? [])]);
  // A buffer shared by several views (zlib's output is not) is copied rather than moved twice.
  const seen = new Set<ArrayBuffer>();
  for (const bytes of buffers)
    if (bytes.buffer instanceof ArrayBuffer && bytes.byteLength === bytes.buffer.byteLength) seen.add(bytes.buffer);
  return [...seen];
}

parentPort?.on('message', (request: BuildRequest) => {
  if (request.kind === 'context') {
    context = request.context;
    return;
  }
  const { id } = request;
  const result: Promise<JobResult | ParseResult> =
    request.kind === 'blocks'
      ? Promise.resolve().then(async () => {
          const shared = context;
          if (shared === undefined) throw new Error('a blocks job before its context');
          const members = fromCatalog(request.members);
          const blocks: RenderedBlock[] = [];
          for (const [index, article] of members.entries())
            blocks.push(await renderBlock(shared, article, nodeCodec, request.keep[index] ?? false));
          return blocks;
        })
      : Promise.resolve().then(() => parseFile(request.job));
  result.then(
    (value) => {
      if ('ok' in value && value.ok && !value.draft) {
        // The hash the parse cache keys the article by (article-hashes.ts), taken of the whole article here.
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
