/**
 * The end-to-end floor: a minimal Hono worker that answers the same paths with the same bytes and headers as
 * wirefeed, from the same SiteBuild, with no edge cache and no validator logic (a request carrying
 * If-None-Match gets the route's 304 as-is). Bundled like wirefeed and served by the same workerd.
 */
import { Hono } from 'hono';
import { notModifiedHeaders } from '../src/http/conditional-get.ts';
import type { SiteBuild } from '../src/site-build.ts';

export function createFloorApp(build: SiteBuild): Hono {
  const app = new Hono();
  for (const [key, representation] of Object.entries(build.routes)) {
    if (key.includes('?')) continue; // paged variants: the bench only requests page 1
    const { body, status } = representation;
    const headers = { ...representation.headers, 'X-Cache': 'HIT' };
    const headers304 = notModifiedHeaders(representation.headers);
    app.get(key, (c) =>
      c.req.header('If-None-Match') === undefined
        ? new Response(body, { status, headers })
        : new Response(null, { status: 304, headers: headers304 }),
    );
  }
  return app;
}
