/**
 * The media floors: a minimal Hono worker answering `/media/<file>` with the bytes and headers wirefeed sends.
 * Unbound it holds the bytes in memory (the constant floor); bound to ASSETS it streams the same stored file
 * (the I/O floor: wirefeed's one storage read and nothing of its own work — no name check, no 404 page, no 304 logic).
 */
import { Hono } from 'hono';

export interface MediaFloorTable {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body, base64. */
  readonly body: string;
}

export function createMediaFloor(table: MediaFloorTable): Hono {
  const bytes = Uint8Array.from(atob(table.body), (character) => character.charCodeAt(0));
  const app = new Hono();
  app.get(table.path, async (c) => {
    const assets = (c.env as { ASSETS?: Fetcher } | undefined)?.ASSETS;
    if (assets === undefined) return new Response(bytes, { headers: table.headers });
    const stored = await assets.fetch(`https://assets.local${table.path}`);
    return new Response(stored.body, { headers: table.headers });
  });
  return app;
}
