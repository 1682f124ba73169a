/**
 * Before any run: every side of every scenario answers exactly the recorded bytes and headers (transport and cache
 * status aside), wirefeed's Workers with the X-Cache the scenario says (warm and edge HIT, cold MISS), 304s empty.
 * The archive with a scheduled article is checked against the plain one's table: the same released set must give the
 * same bytes and validators.
 */
import type { Side } from './e2e-scenarios.ts';
import { recordedResponse, transportHeaders } from './e2e-table.ts';
import { type FloorTable, requestKey } from './floor-worker.ts';

/** The request a side sends: its URL and headers (the partner key, the recorded ETag). */
export function sideRequest(
  side: Side,
  origins: Readonly<Record<string, string>>,
  table: FloorTable,
  authorization: string,
): { url: string; headers: Record<string, string> } {
  const route = table[requestKey(side.path, side.authorized === true)];
  if (route === undefined) throw new Error(`no recorded response for ${side.path}`);
  const origin = origins[side.worker];
  if (origin === undefined) throw new Error(`no Worker ${side.worker}`);
  return {
    url: origin + side.path,
    headers: {
      ...(side.authorized ? { Authorization: authorization } : {}),
      ...(side.ifNoneMatch ? { 'If-None-Match': route.ok.headers.etag ?? '' } : {}),
    },
  };
}

/** Throws naming the first difference; a side is fetched twice, so caches are filled before the checked answer. */
export async function checkSide(
  side: Side,
  origins: Readonly<Record<string, string>>,
  table: FloorTable,
  authorization: string,
): Promise<void> {
  const { url, headers } = sideRequest(side, origins, table, authorization);
  const route = table[requestKey(side.path, side.authorized === true)];
  const expected = side.ifNoneMatch ? route?.notModified : route?.ok;
  if (expected === undefined) throw new Error(`${side.path}: no recorded ${side.ifNoneMatch ? '304' : '200'}`);
  await (await fetch(url, { headers })).arrayBuffer();
  // The edge cache stores in the background (waitUntil): give it a moment before the answer that must hit.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const response = await fetch(url, { headers });
  const got = recordedResponse(response, await response.text());
  const where = `${side.worker} ${side.path}${side.ifNoneMatch ? ' (If-None-Match)' : ''}`;
  if (got.status !== expected.status) throw new Error(`${where}: HTTP ${got.status}, recorded ${expected.status}`);
  const same = side.clocked ? got.body.length === expected.body.length : got.body === expected.body;
  if (!same) throw new Error(`${where}: not the recorded bytes (${firstDifference(got.body, expected.body)})`);
  const names = new Set([...Object.keys(got.headers), ...Object.keys(expected.headers)]);
  const differing = [...names].filter(
    (name) => !transportHeaders.has(name) && got.headers[name] !== expected.headers[name],
  );
  if (differing.length > 0) throw new Error(`${where}: headers differ from the recorded ones: ${differing.join(', ')}`);
  const cache = response.headers.get('x-cache');
  if (side.cache !== undefined && cache !== side.cache)
    throw new Error(`${where}: X-Cache ${cache}, not ${side.cache}`);
}

/** Where two texts part, with a little of each around it. */
function firstDifference(got: string, expected: string): string {
  let at = 0;
  while (at < got.length && got[at] === expected[at]) at++;
  return `at ${at}: got ${JSON.stringify(got.slice(at, at + 60))}, recorded ${JSON.stringify(expected.slice(at, at + 60))}`;
}
