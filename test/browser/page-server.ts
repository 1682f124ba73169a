/** A tiny HTTP server on 127.0.0.1 that serves prerendered pages with their headers, for browser tests. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedPage {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface PageServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves `pages` by path plus query; anything else is a bare 404 (the tests never ask for it). */
export async function servePages(pages: Readonly<Record<string, ServedPage>>): Promise<PageServer> {
  const server = createServer((request, response) => {
    const page = pages[request.url ?? ''];
    if (page === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    response.writeHead(page.status, { 'Content-Type': 'text/html; charset=utf-8', ...page.headers }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
