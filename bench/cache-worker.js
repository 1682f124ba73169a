/**
 * The edge cache for bare workerd: the HTTP service workerd's `cacheApiOutbound` sends `caches.default`
 * calls to (GET = match, PUT = put with the response serialized as HTTP/1.1, PURGE = delete), modelled on
 * miniflare's cache worker. env.MODE `memory` keeps entries in this isolate's memory (a warm edge cache);
 * `miss` stores nothing and answers every match with a miss (an edge cache that is always cold).
 */

const entries = new Map();

const miss = () => new Response(null, { status: 504, headers: { 'cf-cache-status': 'MISS' } });

/** Splits `HTTP/1.1 200 OK\r\nName: value\r\n…\r\n\r\nbody` into status, headers and body bytes. */
function parseHttpResponse(bytes) {
  let end = -1;
  for (let index = 0; index + 3 < bytes.length; index++) {
    if (bytes[index] === 13 && bytes[index + 1] === 10 && bytes[index + 2] === 13 && bytes[index + 3] === 10) {
      end = index;
      break;
    }
  }
  if (end === -1) throw new Error('cache-worker: no blank line in the stored HTTP response');
  const [statusLine = '', ...lines] = new TextDecoder().decode(bytes.subarray(0, end)).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = lines.map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { status, headers, body: bytes.slice(end + 4) };
}

export default {
  async fetch(request, env) {
    const key = request.url;
    if (request.method === 'PUT') {
      const bytes = new Uint8Array(await request.arrayBuffer());
      if (env.MODE === 'memory') entries.set(key, parseHttpResponse(bytes));
      return new Response(null, { status: 204 });
    }
    if (request.method === 'PURGE') {
      return new Response(null, { status: entries.delete(key) ? 200 : 404 });
    }
    const entry = entries.get(key);
    if (entry === undefined) return miss();
    const headers = new Headers(entry.headers);
    headers.set('cf-cache-status', 'HIT');
    return new Response(entry.body, { status: entry.status, headers });
  },
};
