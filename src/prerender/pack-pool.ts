/** A pool of worker threads that render article and ninjs packs (pack-worker.ts), for buildSite's `--workers N`. */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PackFiles, PackJob, PackRenderer } from './article-pack.ts';
import type { PackRequest, PackResponse } from './pack-worker.ts';

export interface PackPool {
  /** Renders one job on the least busy thread; resolves with its files, rejects with the worker's error. */
  readonly render: PackRenderer;
  /** Threads in the pool. */
  readonly size: number;
  /** Ends every thread (the build is done or failed). */
  close(): Promise<void>;
}

/** Worker threads by default: one per core the process may use. */
export function defaultWorkerCount(): number {
  return availableParallelism();
}

/** Starts `size` threads. Jobs go to the thread with the fewest in flight; answers are matched by number, so order is the caller's. */
export function openPackPool(size: number): PackPool {
  const pending = new Map<number, { resolve: (files: PackFiles) => void; reject: (error: Error) => void }>();
  const threads = Array.from({ length: size }, () => {
    const worker = new Worker(new URL('./pack-worker.ts', import.meta.url));
    const thread = { worker, busy: 0 };
    worker.on('message', (response: PackResponse) => {
      thread.busy--;
      const waiting = pending.get(response.id);
      pending.delete(response.id);
      if ('error' in response) waiting?.reject(new Error(`a build worker failed: ${response.error}`));
      else waiting?.resolve(response.files);
    });
    worker.on('error', (error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
    return thread;
  });
  let next = 0;
  return {
    size,
    render(job: PackJob) {
      const id = next++;
      const thread = threads.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
      thread.busy++;
      return new Promise<PackFiles>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Structured clone reads each article's bodies (getters over the body file) into the message.
        thread.worker.postMessage({ id, job } satisfies PackRequest);
      });
    },
    async close() {
      await Promise.all(threads.map(({ worker }) => worker.terminate()));
    },
  };
}
