/**
 * Proves the bench's `ASSETS` binding behaves like Workers Static Assets for what wirefeed reads:
 * `GET /?path=articles/0.json` answers `<status> <characters>` of `env.ASSETS.fetch('https://assets.local/<path>')`.
 */
export default {
  async fetch(request, env) {
    const path = new URL(request.url).searchParams.get('path') ?? '';
    const response = await env.ASSETS.fetch(`https://assets.local/${path}`);
    const text = await response.text();
    return new Response(`${response.status} ${text.length} ${response.headers.get('content-type')}`);
  },
};
