/**
 * `/api/publish/*`: the Worker's write surface, the one path `npm run publish` takes locally and in production.
 * Every request is authenticated first (401 whatever its method or path below here), then bodies are bounded
 * (413), parsed strictly (400), and only content-addressed keys and the live pointer are ever written.
 */
import { type Context, Hono } from 'hono';
import { objectHashPattern, objectKey } from '../../archive/keys.ts';
import type { SearchRow } from '../../model/search-row.ts';
import { announceSwitch } from '../announce/announce.ts';
import type { LiveArchive } from '../archive/live-archive.ts';
import { r2Source } from '../archive/r2-source.ts';
import { Version } from '../archive/version.ts';
import type { AppEnv } from '../routes/route-context.ts';
import { applyIndexChanges, type IndexChanges, resetIndex } from '../search/search-index.ts';
import { deadLettersResponse } from '../webhooks/dead-letters.ts';
import {
  collect,
  missingFrom,
  PublishRefusal,
  putMedia,
  putObject,
  readLive,
  type Switched,
  switchLive,
} from './archive-writer.ts';
import { isPublisher } from './publish-token.ts';

/** The largest object a publish uploads in one request (packs are sealed at 16 MiB; pictures are far smaller). */
export const maxObjectBytes = 64 * 1024 * 1024;

/** The largest JSON body (a list of names to check, a switch). */
const maxJsonBytes = 1024 * 1024;

/** The largest batch of search rows (their bodies' text included): the publisher sends a few hundred at a time. */
const maxIndexBytes = 8 * 1024 * 1024;

/** Collection never takes what was uploaded within this time: a publish in progress may still switch to it. */
const defaultGraceMs = 60 * 60 * 1000;

export interface PublishDeps {
  /** The isolate's live archive: a switch made here is served here at once. */
  readonly archive: LiveArchive;
  /** The Worker's clock. */
  readonly now: () => number;
}

const privateHeaders = { 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' };

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify(body)}\n`, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...privateHeaders, ...extra },
  });
}

const unauthorized = () =>
  json(401, { error: 'unauthorized' }, { 'WWW-Authenticate': 'Bearer realm="wirefeed-publish"' });

export function publishEndpoint(deps: PublishDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // 1. Authentication before anything else: no path, method or body below here is looked at without the token.
  app.use('*', async (c, next) => {
    if (!(await isPublisher(c.req.header('Authorization'), c.env.PUBLISH_TOKEN))) return unauthorized();
    await next();
  });

  app.get('/live', async (c) => {
    const live = await readLive(c.env.ARCHIVE);
    return json(200, {
      ...(live?.pointer ?? { sequence: 0, root: null, previous: [] }),
      now: new Date(deps.now()).toISOString(),
    });
  });

  app.post('/missing', async (c) => {
    const body = await readJson(c);
    const objects = stringList(body, 'objects', (name) => objectHashPattern.test(name));
    const media = stringList(body, 'media', (name) => /^[A-Za-z0-9_-]{22}\.[a-z]{3,4}$/.test(name));
    if (objects.length + media.length > 10_000) throw new PublishRefusal(413, 'ask about at most 10,000 names at once');
    return json(200, await missingFrom(c.env.ARCHIVE, objects, media));
  });

  app.put('/objects/:hash', async (c) => {
    const stored = await upload(c, (body) => putObject(c.env.ARCHIVE, c.req.param('hash'), body));
    return json(stored ? 201 : 200, { stored });
  });

  app.get('/objects/:hash', async (c) => {
    const hash = c.req.param('hash');
    if (!objectHashPattern.test(hash)) throw new PublishRefusal(400, 'an object name is a SHA-256 in lowercase hex');
    const range = parseRange(c.req.header('Range'));
    const object = await c.env.ARCHIVE.get(objectKey(hash), range ? { range } : {});
    if (object === null) return json(404, { error: 'no such object' });
    return new Response(object.body, {
      status: range ? 206 : 200,
      headers: { 'Content-Type': 'application/octet-stream', ...privateHeaders },
    });
  });

  app.put('/media/:name', async (c) => {
    const sha256 = c.req.header('X-Content-SHA256') ?? '';
    const stored = await upload(c, (body) => putMedia(c.env.ARCHIVE, c.req.param('name'), sha256, body));
    return json(stored ? 201 : 200, { stored });
  });

  app.post('/switch', async (c) => {
    const body = await readJson(c);
    const base = field(body, 'base');
    const root = field(body, 'root');
    const rollback = field(body, 'rollback') ?? false;
    if ((base !== null && typeof base !== 'string') || typeof root !== 'string' || typeof rollback !== 'boolean')
      throw new PublishRefusal(400, 'a switch is {"base": <live root or null>, "root": <new root>, "rollback"?: true}');
    const switched = await switchLive(c.env.ARCHIVE, base, root, new Date(deps.now()), rollback);
    const response = adopted(deps, switched);
    // The hub and the partners are told after the answer: a publish never waits for them.
    c.executionCtx.waitUntil(announce(c.env, deps, switched));
    return response;
  });

  // The search index (D1) follows the archive: each publish sends what it changed, `--reindex` everything.
  app.post('/search', async (c) => {
    const body = await readJson(c, maxIndexBytes);
    const changes = indexChanges(body);
    if (c.env.SEARCH === undefined)
      throw new PublishRefusal(409, 'this Worker has no SEARCH binding (wrangler.toml [[d1_databases]])');
    if (field(body, 'reset') === true) await resetIndex(c.env.SEARCH);
    await applyIndexChanges(c.env.SEARCH, changes);
    return json(200, { upserted: changes.upsert.length, removed: changes.remove.length });
  });

  app.post('/collect', async (c) => {
    const grace = field(await readJson(c), 'graceSeconds');
    const graceMs = grace === undefined ? defaultGraceMs : Number(grace) * 1000;
    if (!Number.isFinite(graceMs) || graceMs < 0)
      throw new PublishRefusal(400, 'graceSeconds is a number of seconds >= 0');
    return json(200, await collect(c.env.ARCHIVE, deps.now(), graceMs));
  });

  // Partner webhooks given up on (dead letters), for `npm run partners -- deliveries` (docs/webhooks.md).
  app.get('/deliveries', (c) => deadLettersResponse(new URL(c.req.url), c.env.ARCHIVE));

  app.all('*', (c) =>
    json(c.req.method === 'GET' || c.req.method === 'POST' || c.req.method === 'PUT' ? 404 : 405, {
      error: 'no such publish call',
    }),
  );

  app.onError((error) => {
    if (error instanceof PublishRefusal) return json(error.status, { error: error.message, ...error.details });
    // What is left is the archive failing us (R2 unavailable): the publisher tries again; the live version is untouched.
    console.error('wirefeed: publish call failed', String(error));
    return json(
      503,
      { error: 'the archive could not be written or read; nothing was switched' },
      { 'Retry-After': '10' },
    );
  });
  return app;
}

/** WebSub pings and partner webhooks for what the switch changed (announce.ts); never throws. */
function announce(env: Env, deps: PublishDeps, switched: Switched): Promise<void> {
  const codeVersion = deps.archive.codeVersion;
  const next = new Version({
    sequence: switched.pointer.sequence,
    rootHash: switched.pointer.root,
    root: switched.root,
    codeVersion,
  });
  const previous = switched.previous && new Version({ ...switched.previous, codeVersion });
  return announceSwitch(env, r2Source(env.ARCHIVE), previous, next, deps.now());
}

/** The new version is served by this isolate at once; the answer says which. */
function adopted(deps: PublishDeps, switched: Switched): Response {
  const { pointer, etag, root } = switched;
  deps.archive.adopt(etag, pointer.sequence, pointer.root, root);
  return json(200, pointer);
}

/**
 * Streams the request body into `store`, refused unless its declared length is within the bound. R2 needs the
 * length of a streamed body; FixedLengthStream fails a body longer or shorter than it declared, which is the
 * client's mistake (400), not the archive's.
 */
async function upload<T>(c: Context<AppEnv>, store: (body: ReadableStream) => Promise<T>): Promise<T> {
  const length = Number(c.req.header('Content-Length') ?? Number.NaN);
  if (!Number.isSafeInteger(length) || length < 0) throw new PublishRefusal(411, 'an upload states its Content-Length');
  if (length > maxObjectBytes) throw new PublishRefusal(413, `an upload is at most ${maxObjectBytes} bytes`);
  const body = c.req.raw.body;
  if (body === null || length === 0) throw new PublishRefusal(400, 'an upload has a body');
  const fixed = new FixedLengthStream(length);
  const piped = body.pipeTo(fixed.writable).then(
    () => true,
    () => false,
  );
  try {
    return await store(fixed.readable);
  } catch (error) {
    if (!(error instanceof PublishRefusal) && !(await piped))
      throw new PublishRefusal(400, 'the upload was not the length it declared');
    throw error;
  }
}

async function readJson(c: Context<AppEnv>, limit = maxJsonBytes): Promise<unknown> {
  const length = Number(c.req.header('Content-Length') ?? 0);
  if (length > limit) throw new PublishRefusal(413, `a request body is at most ${limit} bytes`);
  const text = await c.req.text();
  if (text.length > limit) throw new PublishRefusal(413, `a request body is at most ${limit} bytes`);
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    throw new PublishRefusal(400, 'the body is not JSON');
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** `{ upsert: SearchRow[], remove: string[] }`, every field of the right type (model/search-row.ts). */
function indexChanges(body: unknown): IndexChanges {
  const upsert = field(body, 'upsert') ?? [];
  const isRow = (row: unknown): row is SearchRow => {
    const value = row as Record<string, unknown>;
    return (
      typeof row === 'object' &&
      row !== null &&
      typeof value.slug === 'string' &&
      /^[a-z0-9][a-z0-9_-]*$/.test(value.slug) &&
      ['title', 'summary', 'body'].every((key) => typeof value[key] === 'string') &&
      Array.isArray(value.keywords) &&
      value.keywords.every((keyword) => typeof keyword === 'string') &&
      Number.isSafeInteger(value.releaseMs) &&
      Number.isSafeInteger(value.publishedMs)
    );
  };
  if (!Array.isArray(upsert) || !upsert.every(isRow)) throw new PublishRefusal(400, 'upsert is a list of search rows');
  const remove = stringList(body, 'remove', (slug) => /^[a-z0-9][a-z0-9_-]*$/.test(slug));
  return { upsert, remove };
}

function stringList(body: unknown, name: string, valid: (value: string) => boolean): string[] {
  const value = field(body, name) ?? [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && valid(item)))
    throw new PublishRefusal(400, `${name} is a list of names`);
  return value as string[];
}

/** `Range: bytes=<first>-<last>` (RFC 9110 §14.1.2), the one form the publisher sends; anything else reads the whole object. */
function parseRange(header: string | undefined): { offset: number; length: number } | undefined {
  const match = /^bytes=(\d{1,15})-(\d{1,15})$/.exec(header ?? '');
  if (!match) return undefined;
  const [first, last] = [Number(match[1]), Number(match[2])];
  return last >= first ? { offset: first, length: last - first + 1 } : undefined;
}
