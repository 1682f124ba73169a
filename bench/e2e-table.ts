/**
 * Records the floors' table from the running wirefeed: for each measured request, the cold Worker's answer (bytes and
 * headers), the warm Worker's 304 where a scenario sends If-None-Match, and the R2 and D1 reads the recorder saw on
 * its second identical request (the steady state: the root and the slug shards already in the isolate).
 */
import { liveKey } from '../src/archive/keys.ts';
import { type FloorRoute, type FloorTable, type RecordedResponse, requestKey } from './floor-worker.ts';
import type { Recorded } from './recording.ts';

/** Headers that legitimately differ between answers of the same bytes (cache status, transport). */
export const transportHeaders = new Set([
  'x-cache',
  'cf-cache-status',
  'date',
  'age',
  'content-length',
  'transfer-encoding',
]);

export interface Probe {
  readonly path: string;
  readonly authorized: boolean;
  readonly notModified: boolean;
}

export interface RecordOptions {
  /** Origins of the recorder, the cold wirefeed (no memory, no edge cache) and the warm one (as deployed). */
  readonly recorder: string;
  readonly cold: string;
  readonly warm: string;
  readonly authorization: string;
  readonly probes: readonly Probe[];
}

export function recordedResponse(response: Response, body: string): RecordedResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (!transportHeaders.has(name)) headers[name] = value;
  return { status: response.status, headers, body };
}

async function fetchText(url: string, headers: Record<string, string>): Promise<{ response: Response; body: string }> {
  const response = await fetch(url, { headers });
  return { response, body: await response.text() };
}

async function recordRoute(options: RecordOptions, probe: Probe): Promise<FloorRoute> {
  const headers: Record<string, string> = probe.authorized ? { Authorization: options.authorization } : {};
  let recorded: Recorded = { r2: [], d1: [] };
  for (let attempt = 0; attempt < 2; attempt++)
    recorded = ((await (await fetch(options.recorder + probe.path, { headers })).json()) as { recorded: Recorded })
      .recorded;
  const cold = await fetchText(options.cold + probe.path, headers);
  if (cold.response.status !== 200) throw new Error(`cold ${probe.path}: HTTP ${cold.response.status}`);
  const ok = recordedResponse(cold.response, cold.body);
  const route: FloorRoute = {
    path: new URL(probe.path, 'http://x').pathname,
    ok,
    r2: recorded.r2.filter((read) => read.key !== liveKey),
    d1: recorded.d1,
    cached: cold.response.headers.has('x-cache'),
  };
  if (!probe.notModified) return route;
  const etag = ok.headers.etag;
  if (etag === undefined) throw new Error(`${probe.path}: no ETag to revalidate`);
  await fetchText(options.warm + probe.path, headers);
  const again = await fetchText(options.warm + probe.path, { ...headers, 'If-None-Match': etag });
  if (again.response.status !== 304) throw new Error(`warm ${probe.path} with If-None-Match: ${again.response.status}`);
  return { ...route, notModified: recordedResponse(again.response, '') };
}

export async function recordFloorTable(options: RecordOptions): Promise<FloorTable> {
  const table: Record<string, FloorRoute> = {};
  for (const probe of options.probes) {
    const key = requestKey(probe.path, probe.authorized);
    const previous = table[key];
    // One entry per request; a probe that also wants the 304 completes an entry another probe made.
    if (previous === undefined || (probe.notModified && previous.notModified === undefined))
      table[key] = await recordRoute(options, probe);
  }
  return table;
}
