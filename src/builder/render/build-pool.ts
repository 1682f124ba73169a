/** A pool of worker threads (build-worker.ts) that parse article files and run the render jobs, for `--workers N`. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParseResult } from '../../content/parse-result.ts';
import type { Article } from '../../model/article.ts';
import { nodeCodec } from '../archive/node-codec.ts';
import type { BlockRenderer } from '../archive/plan-archive.ts';
import { withEncodedBodies } from '../content/body-spill.ts';
import { type FileParser, parseFile } from '../content/parse-file.ts';
import { rememberArticleHash } from './article-hashes.ts';
import { type BlockContext, type RenderedBlock, renderBlock } from './block.ts';
import type { BuildRequest, BuildResponse, ContextMessage } from './build-worker.ts';
import { toCatalog } from './thread-catalog.ts';

export interface BuildPool {
  /** Parses one file on the least busy thread (loadContent's `parser`). */
  readonly parse: FileParser;
  /** Renders a build's blocks on the threads, in order (plan-archive.ts's BlockRenderer). */
  readonly blocks: (context: BlockContext) => BlockRenderer;
  /** Ends every thread (the build is done or failed). */
  close(): Promise<void>;
}

/**
 * A thread holds one job's articles at a time (a few MB); capping its heap makes V8 collect before it grows,
 * so two threads add about 150 MB to the build's peak instead of 500 (issue 16: 1 GiB at 100,000 articles).
 */
const resourceLimits = { maxOldGenerationSizeMb: 160 };

/** Blocks of a build, and files a pool parses, run on the main thread before any is sent to a thread. */
const jobsInPlace = 16;

/** Articles a thread renders per job: fewer messages, and still many jobs to share between two threads. */
const articlesPerJob = 16;

/** Jobs in flight at once: enough to keep the threads busy while results are packed in order. */
const jobsAhead = 6;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Worker threads by default: one per core the process may use. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

type Thread = { readonly worker: Worker; busy: number };
type JobResult = readonly RenderedBlock[];
type Waiting = { resolve: (result: JobResult | ParseResult) => void; reject: (error: Error) => void };

/** Starts `size` threads. A job goes to the thread with the fewest in flight; answers are matched by number, so order is the caller's. */
export function openBuildPool(size: number): BuildPool {
  const pending = new Map<number, Waiting>();
  // Started at the first job: a rebuild the caches answer for whole starts no thread.
  let threads: Thread[] = [];
  const start = (): Thread => {
    const worker = new Worker(new URL('./build-worker.ts', import.meta.url), { resourceLimits });
    const thread: Thread = { worker, busy: 0 };
    worker.on('message', (response: BuildResponse) => {
      thread.busy--;
      const waiting = pending.get(response.id);
      pending.delete(response.id);
      if ('error' in response) waiting?.reject(new Error(`a build worker failed: ${response.error}`));
      else {
        const { result, parsed } = response;
        if (parsed !== undefined && 'ok' in result && result.ok && !result.draft) {
          const article = withEncodedBodies(result.article, parsed.bodies);
          rememberArticleHash(article, parsed.hash);
          waiting?.resolve({ ...result, article });
        } else waiting?.resolve(result);
      }
    });
    // A thread that fails or ends with jobs in flight fails the build; never a job left waiting.
    const failAll = (error: Error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`a build worker ended (exit code ${code})`)));
    return thread;
  };
  let next = 0;
  let parsesInPlace = jobsInPlace;
  // Sent to every thread (the ones started later too) before its first render job.
  let context: ContextMessage | undefined;
  const startAll = () => {
    threads = Array.from({ length: size }, start);
    if (context) for (const { worker } of threads) worker.postMessage(context);
  };
  const send = (
    request: DistributiveOmit<Exclude<BuildRequest, ContextMessage>, 'id'>,
  ): Promise<JobResult | ParseResult> => {
    const id = next++;
    if (threads.length === 0) startAll();
    const thread = threads.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
    thread.busy++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // A parse job carries the file's text; a render job its articles' fields and body places (thread-catalog.ts).
      thread.worker.postMessage({ id, ...request } as BuildRequest);
    });
  };
  return {
    // The first files parse here too: a rebuild after one new or edited article starts no thread.
    parse: (job) =>
      parsesInPlace-- > 0 ? Promise.resolve(parseFile(job)) : (send({ kind: 'parse', job }) as Promise<ParseResult>),
    blocks(shared) {
      return async (articles, keep, each) => {
        // The first blocks render here: a publish of a handful of articles starts no thread.
        const first = Math.min(jobsInPlace, articles.length);
        for (let index = 0; index < first; index++) {
          const article = articles[index] as Article;
          await each(index, await renderBlock(shared, article, nodeCodec, keep.has(article)));
        }
        if (first === articles.length) return;
        context = { kind: 'context', context: shared };
        if (threads.length === 0) startAll();
        else for (const { worker } of threads) worker.postMessage(context);
        const jobs: { from: number; result: Promise<JobResult> }[] = [];
        let next = first;
        const launch = () => {
          if (next >= articles.length) return;
          const members = articles.slice(next, next + articlesPerJob);
          // Each job carries its articles' fields and where their bodies are: a thread keeps nothing between jobs.
          const result = send({
            kind: 'blocks',
            members: toCatalog(members),
            keep: members.map((article) => keep.has(article)),
          }) as Promise<JobResult>;
          // A failure is thrown where the job is awaited, in order; until then it is no unhandled rejection.
          result.catch(() => {});
          jobs.push({ from: next, result });
          next += members.length;
        };
        for (let ahead = 0; ahead < jobsAhead; ahead++) launch();
        while (jobs.length > 0) {
          const { from, result } = jobs.shift() as { from: number; result: Promise<JobResult> };
          const blocks = await result;
          launch();
          for (const [offset, block] of blocks.entries()) await each(from + offset, block);
        }
      };
    },
    async close() {
      await Promise.all(threads.map(({ worker }) => worker.terminate()));
    },
  };
}
