/** A tiny HTTP server on 127.0.0.1 that hands every request to a fetch handler (the real app), for browser tests. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

export interface PageServer {
  readonly origin: string;
  /** Sets the handler; requests before that get a 503. */
  handle(handler: FetchHandler): void;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  let handler: FetchHandler | undefined;
  const server = createServer(async (incoming, outgoing) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const request = new Request(`${origin}${incoming.url ?? '/'}`, { method: incoming.method ?? 'GET', headers });
    const response = handler ? await handler(request) : new Response('not ready', { status: 503 });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(incoming.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    handle: (next) => {
      handler = next;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
