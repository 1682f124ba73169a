/**
 * A real HTTP receiver for webhook tests, run by Node in the worker project's globalSetup: it verifies each
 * request with the official `standardwebhooks` package and records it per inbox. `POST /hooks/<inbox>/<behaviour>`:
 * `ok` 200; `fail-once` 500 the first time in its inbox, then 200; `always-500`; `hang` never answers;
 * `redirect` 302 to the same inbox's `ok`; `wait-for-<inbox>` answers 200 once that other inbox has a request
 * (504 after 5 s). `GET /records/<inbox>` lists what the inbox received.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** What the receiver saw of one request. */
export interface ReceivedWebhook {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** `ok` when `Webhook.verify` accepted the request, else its error message. */
  readonly verification: string;
}

export interface Receiver {
  readonly port: number;
  close(): Promise<void>;
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const webhook = new Webhook(secret);
  const inboxes = new Map<string, ReceivedWebhook[]>();
  const received = (inbox: string) => inboxes.get(inbox) ?? [];

  async function answer(request: IncomingMessage, response: ServerResponse, port: number): Promise<void> {
    const [, kind, inbox = '', behaviour = ''] = (request.url ?? '').split('/');
    if (request.method === 'GET' && kind === 'records') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received(inbox)));
      return;
    }
    if (request.method !== 'POST' || kind !== 'hooks') {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : (value ?? ''),
      ]),
    );
    let verification = 'ok';
    try {
      webhook.verify(body, headers);
    } catch (error) {
      verification = error instanceof Error ? error.message : String(error);
    }
    const earlier = received(inbox).length;
    inboxes.set(inbox, [...received(inbox), { path: request.url ?? '', headers, body, verification }]);
    if (behaviour === 'ok' || (behaviour === 'fail-once' && earlier > 0)) response.writeHead(200).end('ok');
    else if (behaviour === 'fail-once' || behaviour === 'always-500') response.writeHead(500).end('down');
    else if (behaviour === 'redirect')
      response.writeHead(302, { location: `http://127.0.0.1:${port}/hooks/${inbox}/ok` }).end();
    else if (behaviour.startsWith('wait-for-')) {
      const other = behaviour.slice('wait-for-'.length);
      const deadline = Date.now() + 5000;
      while (received(other).length === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 10));
      response.writeHead(received(other).length > 0 ? 200 : 504).end();
    } else if (behaviour !== 'hang') response.writeHead(404).end();
  }

  const server = createServer((request, response) => {
    answer(request, response, (server.address() as AddressInfo).port).catch(() => response.destroy());
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
