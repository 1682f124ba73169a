/** The Worker's publish endpoint as an ArchiveTarget: `Authorization: Bearer <PUBLISH_TOKEN>`, retries for what the network or the archive got wrong. */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import { type ArchiveTarget, type LiveState, TargetRefusal } from './archive-target.ts';

export interface HttpTargetOptions {
  /** The Worker's origin, e.g. `http://localhost:8787` or `https://news.example.com`. */
  readonly url: string;
  readonly token: string;
  /** Attempts for a call that fails on the network or with a 5xx. @default 4 */
  readonly attempts?: number;
  /** The first retry's delay (ms), doubling after. @default 500 */
  readonly retryMs?: number;
  /** How requests are sent (tests inside workerd pass the Worker's own fetch). @default globalThis.fetch */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

export function httpTarget(options: HttpTargetOptions): ArchiveTarget {
  const base = `${options.url.replace(/\/+$/, '')}/api/publish`;
  const attempts = options.attempts ?? 4;
  const retryMs = options.retryMs ?? 500;
  const authorization = `Bearer ${options.token}`;
  const send = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));

  /** One call, retried on the network failing or a 5xx; a 4xx is the answer (a TargetRefusal). */
  const call = async (what: string, path: string, init: RequestInit = {}): Promise<Response> => {
    let failure = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await send(`${base}${path}`, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), Authorization: authorization },
        });
        // Read whole inside the retry: a body cut off midway is a network failure like any other.
        if (response.ok) return new Response(await response.arrayBuffer(), response);
        const reason = await response.text().then(
          (text) => (JSON.parse(text) as { error?: string }).error ?? text,
          () => '',
        );
        if (response.status < 500)
          throw new TargetRefusal(response.status, `${what}: ${response.status} ${reason}`.trim());
        failure = `${response.status} ${reason}`;
      } catch (error) {
        if (error instanceof TargetRefusal) throw error;
        failure =
          error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      }
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, retryMs * 2 ** (attempt - 1)));
    }
    throw new Error(`${what} failed ${attempts} times (${failure}) at ${options.url}`);
  };
  const json = async <T>(what: string, path: string, body?: unknown): Promise<T> => {
    const response = await call(
      what,
      path,
      body === undefined
        ? {}
        : { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } },
    );
    return (await response.json()) as T;
  };

  const source: ArchiveSource = {
    async live() {
      const state = await json<LiveState & { root: string | null }>('read the live version', '/live');
      return state.root === null
        ? undefined
        : { tag: state.root, text: JSON.stringify({ ...state, format: 'wirefeed-live/1' }) };
    },
    async range(object, offset, length) {
      const response = await call(`read objects/${object}`, `/objects/${object}`, {
        headers: { Range: `bytes=${offset}-${offset + length - 1}` },
      });
      return new Uint8Array(await response.arrayBuffer());
    },
    async object(hash) {
      const response = await call(`read objects/${hash}`, `/objects/${hash}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async media() {
      return undefined;
    },
  };

  return {
    name: options.url,
    async live() {
      const live = await json<{ root: string | null; sequence: number; previous: string[]; now: string }>(
        'read the live version',
        '/live',
      );
      return { root: live.root, sequence: live.sequence, previous: live.previous, now: Date.parse(live.now) };
    },
    missing: (objects, media) => json('ask which objects are missing', '/missing', { objects, media }),
    async putObject(hash, bytes) {
      const response = await call(`upload objects/${hash}`, `/objects/${hash}`, {
        method: 'PUT',
        body: bytes,
        headers: { 'Content-Type': 'application/octet-stream' },
      });
      // 201 stored, 200 there already (publish-routes.ts).
      return response.status === 201;
    },
    async putMedia(name, sha256, bytes) {
      await call(`upload media/${name}`, `/media/${name}`, {
        method: 'PUT',
        body: bytes,
        headers: { 'Content-Type': 'application/octet-stream', 'X-Content-SHA256': sha256 },
      });
    },
    switchLive: (base, root, rollback) =>
      json('switch the live version', '/switch', { base, root, ...(rollback ? { rollback: true } : {}) }),
    collect: (graceSeconds) =>
      json('collect unreferenced objects', '/collect', graceSeconds === undefined ? {} : { graceSeconds }),
    async index(changes) {
      await json('update the search index', '/search', changes);
    },
    source: () => source,
  };
}
