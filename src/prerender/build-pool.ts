/** A pool of worker threads (build-worker.ts) that parse article files and render article and ninjs packs, for `--workers N`. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileParser } from '../catalog/parse-file.ts';
import type { ParseResult } from '../content/parse-result.ts';
import type { PackFiles, PackRenderer } from './article-pack.ts';
import type { BuildRequest, BuildResponse } from './build-worker.ts';

export interface BuildPool {
  /** Parses one file on the least busy thread (loadContent's `parser`). */
  readonly parse: FileParser;
  /** Renders one pack on the least busy thread (buildSite's `packRenderer`). */
  readonly render: PackRenderer;
  /** Ends every thread (the build is done or failed). */
  close(): Promise<void>;
}

/** Worker threads by default: one per core the process may use. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

type Thread = { readonly worker: Worker; busy: number };
type Waiting = { resolve: (result: PackFiles | ParseResult) => void; reject: (error: Error) => void };

/** Starts `size` threads. A job goes to the thread with the fewest in flight; answers are matched by number, so order is the caller's. */
export function openBuildPool(size: number): BuildPool {
  const pending = new Map<number, Waiting>();
  // Started at the first job: a rebuild the caches answer for whole starts no thread.
  let threads: Thread[] = [];
  const start = (): Thread => {
    const worker = new Worker(new URL('./build-worker.ts', import.meta.url));
    const thread: Thread = { worker, busy: 0 };
    worker.on('message', (response: BuildResponse) => {
      thread.busy--;
      const waiting = pending.get(response.id);
      pending.delete(response.id);
      if ('error' in response) waiting?.reject(new Error(`a build worker failed: ${response.error}`));
      else waiting?.resolve(response.result);
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
  const send = (request: Omit<BuildRequest, 'id'>): Promise<PackFiles | ParseResult> => {
    const id = next++;
    if (threads.length === 0) threads = Array.from({ length: size }, start);
    const thread = threads.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
    thread.busy++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // Structured clone reads each article's bodies (getters over the body file) into the message.
      thread.worker.postMessage({ id, ...request } as BuildRequest);
    });
  };
  return {
    parse: (job) => send({ kind: 'parse', job }) as Promise<ParseResult>,
    render: (job) => send({ kind: 'pack', job }) as Promise<PackFiles>,
    async close() {
      await Promise.all(threads.map(({ worker }) => worker.terminate()));
    },
  };
}
