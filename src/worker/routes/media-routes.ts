/** `/media/:file`: published pictures, content-hashed and immutable, streamed from storage with exact headers. */
import { Hono } from 'hono';
import { mediaTypes } from '../../model/media.ts';
import { kindHeaders, responseKinds } from '../../model/response-kinds.ts';
import { ifNoneMatchMatches } from '../http/conditional-get.ts';
import { type AppEnv, errorResponse, type RouteDeps } from './route-context.ts';

/** A published name: 22 base64url characters (the first 16 bytes of the file's SHA-256) and a known extension. */
const mediaName = /^([A-Za-z0-9_-]{22})\.(jpg|png|webp|avif|gif)$/;

export function mediaFiles(deps: RouteDeps): Hono<AppEnv> {
  const { manifest, storeFor } = deps;
  const app = new Hono<AppEnv>();
  app.get('/media/:file', async (c) => {
    // Only names the build could have made reach storage: no other stored file, no traversal, no guessing.
    const match = mediaName.exec(c.req.param('file'));
    const type = match ? mediaTypes[match[2] as string] : undefined;
    if (!match || !type) return errorResponse(manifest, 404);
    const stored = await storeFor(c.env).readBinary?.(`media/${match[0]}`);
    if (stored === undefined) return errorResponse(manifest, 404);
    const { body } = stored;
    const headers = {
      ...kindHeaders(responseKinds.media, manifest.site, { type }),
      // Strong: the tag is the content hash itself (RFC 9110 §8.8.3).
      ETag: `"${match[1]}"`,
    };
    const length: Record<string, string> =
      stored.length === undefined ? {} : { 'Content-Length': String(stored.length) };
    // RFC 9110 §13.1.2; If-Modified-Since is moot: a hashed name is never modified.
    const ifNoneMatch = c.req.header('If-None-Match');
    if (ifNoneMatch !== undefined && ifNoneMatchMatches(ifNoneMatch, headers.ETag)) {
      if (body instanceof ReadableStream) await body.cancel();
      return new Response(null, { status: 304, headers });
    }
    return new Response(body, { headers: { ...headers, ...length } });
  });
  return app;
}
