/** `/media/:file`: published pictures, content-hashed and immutable, streamed from the archive with exact headers. */
import { Hono } from 'hono';
import { mediaNamePattern } from '../../archive/keys.ts';
import { mediaTypes } from '../../model/media.ts';
import { kindHeaders, responseKinds } from '../../model/response-kinds.ts';
import { ifNoneMatchMatches } from '../http/conditional-get.ts';
import { type AppEnv, errorResponse, type RouteDeps, withVersion } from './route-context.ts';

export function mediaFiles(deps: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/media/:file', (c) =>
    withVersion(c, deps, async (version) => {
      // Only names the build could have made reach storage: no other key, no traversal, no guessing.
      const match = mediaNamePattern.exec(c.req.param('file'));
      const type = match ? mediaTypes[match[2] as string] : undefined;
      if (!match || !type) return errorResponse(version, 404);
      const headers = {
        ...kindHeaders(responseKinds.media, version.root.site, { type }),
        // Strong: the tag is the content hash itself (RFC 9110 §8.8.3).
        ETag: `"${match[1]}"`,
      };
      // RFC 9110 §13.1.2; If-Modified-Since is moot: a hashed name is never modified.
      const ifNoneMatch = c.req.header('If-None-Match');
      if (ifNoneMatch !== undefined && ifNoneMatchMatches(ifNoneMatch, headers.ETag))
        return new Response(null, { status: 304, headers });
      const stored = await deps.sourceFor(c.env).media(match[0]);
      if (stored === undefined) return errorResponse(version, 404);
      return new Response(stored.body, { headers: { ...headers, 'Content-Length': String(stored.length) } });
    }),
  );
  return app;
}
