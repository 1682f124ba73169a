/** Polls a Worker until every one of some addresses answers 200 with a given text: when a publish is "served". */

export interface ServedOptions {
  readonly origin: string;
  readonly paths: readonly string[];
  /** Text each answer must contain. */
  readonly marker: string;
  readonly timeoutMs: number;
  /** Between polls. @default 10 */
  readonly everyMs?: number;
  /** Checked before each poll: throws to give up early (the publisher or the server died). */
  readonly alive?: () => void;
}

/** performance.now() at the first poll that saw every path served. */
export async function whenServed(options: ServedOptions): Promise<number> {
  const deadline = performance.now() + options.timeoutMs;
  const pending = new Set(options.paths);
  while (performance.now() < deadline) {
    options.alive?.();
    for (const path of [...pending]) {
      try {
        // A server that is busy or restarting can hold a request: never wait long on one.
        const response = await fetch(`${options.origin}${path}`, { signal: AbortSignal.timeout(5000) });
        const body = await response.text();
        if (response.status === 200 && body.includes(options.marker)) pending.delete(path);
      } catch {
        // Not answering yet.
      }
    }
    if (pending.size === 0) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 10));
  }
  throw new Error(`not served within ${options.timeoutMs} ms: ${[...pending].join(', ')} without "${options.marker}"`);
}
