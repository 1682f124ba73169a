/**
 * The `ASSETS` binding for bare workerd: a folder served by workerd's `disk` service (env.DISK), with the
 * Content-Type Workers Static Assets would send (the disk service sends application/octet-stream for
 * everything, and workerd then warns on every `.text()`). Runs in its own workerd process, so serving the
 * files is not billed to the Worker under test, as at Cloudflare. Missing files are 404, as at Cloudflare.
 */

const types = {
  json: 'application/json',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

export default {
  async fetch(request, env) {
    const response = await env.DISK.fetch(request);
    if (!response.ok) return response;
    const extension = new URL(request.url).pathname.split('.').pop() ?? '';
    const headers = new Headers(response.headers);
    headers.set('Content-Type', types[extension] ?? 'application/octet-stream');
    return new Response(response.body, { status: response.status, headers });
  },
};
