/** One bounded autocannon run on loopback, with the server's CPU per request from /proc and latencies per response. */
import { createRequire } from 'node:module';
import { cpuSeconds } from './proc.ts';
import { percentile } from './stats.ts';

interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, ms: number) => void): void;
  stop(): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: { errors: number; timeouts: number; non2xx: number }) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadOptions {
  /** Requests to send (the run ends when they are answered or `maxSeconds` passes, whichever first). */
  readonly amount: number;
  readonly connections: number;
  readonly maxSeconds: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly expectStatus: number;
}

export interface LoadResult {
  readonly requests: number;
  /** CPU seconds (user + system) of the server process over the run, /proc/<pid>/stat. */
  readonly cpuSeconds: number;
  readonly cpuPerRequestMicros: number;
  /** From the start to the last response. */
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Responses with another status than expected, plus connection errors and timeouts. */
  readonly unexpected: number;
  /** Those responses by status. */
  readonly unexpectedStatuses: Readonly<Record<number, number>>;
}

export function load(url: string, pid: number, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let unexpected = 0;
  const unexpectedStatuses: Record<number, number> = {};
  return new Promise((resolve, reject) => {
    const cpuBefore = cpuSeconds(pid);
    const started = process.hrtime.bigint();
    let last = started;
    let timer: NodeJS.Timeout | undefined;
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        amount: options.amount,
        headers: options.headers ?? {},
        timeout: 10,
        // autocannon checks for the end on each sample tick (1 s by default): a short tick ends runs promptly.
        sampleInt: 25,
        // Latencies are taken per response below (autocannon's own histogram has 1 ms resolution).
        skipAggregateResult: true,
      },
      (error, result) => {
        if (timer !== undefined) clearTimeout(timer);
        const cpu = cpuSeconds(pid) - cpuBefore;
        const seconds = Number(last - started) / 1e9;
        if (error) {
          reject(error);
          return;
        }
        const requests = latencies.length;
        resolve({
          requests,
          cpuSeconds: cpu,
          cpuPerRequestMicros: requests === 0 ? Number.NaN : (cpu / requests) * 1e6,
          seconds,
          requestsPerSecond: requests / seconds,
          p50Ms: percentile(latencies, 0.5),
          p99Ms: percentile(latencies, 0.99),
          unexpected: unexpected + (result?.errors ?? 0) + (result?.timeouts ?? 0),
          unexpectedStatuses,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      latencies.push(ms);
      last = process.hrtime.bigint();
      if (statusCode !== options.expectStatus) {
        unexpected++;
        unexpectedStatuses[statusCode] = (unexpectedStatuses[statusCode] ?? 0) + 1;
      }
      // autocannon notices `amount` only on its one-second tick: stop as soon as it is reached.
      if (latencies.length === options.amount) instance.stop();
    });
    // A run ends at maxSeconds, but not before each connection has had an answer (a slow request, e.g. a search
    // at 100,000 articles, would otherwise leave a run with none and a figure of NaN); never past 30 s more.
    const deadline = Date.now() + options.maxSeconds * 1000 + 30_000;
    const stopWhenAnswered = () => {
      if (latencies.length >= options.connections || Date.now() >= deadline) instance.stop();
      else timer = setTimeout(stopWhenAnswered, 100);
    };
    timer = setTimeout(stopWhenAnswered, options.maxSeconds * 1000);
  });
}
