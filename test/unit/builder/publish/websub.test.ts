// The WebSub ping against a real hub on 127.0.0.1 that records what it got: retries, timeouts, and the deploy step end to end.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { changedFeeds, pingHub } from '../../../../src/builder/publish/websub.ts';

const run = promisify(execFile);

interface Hub {
  readonly url: string;
  /** Every request body the hub received, in order. */
  readonly received: { method: string; type: string; body: string }[];
  close(): Promise<void>;
}

/** A hub whose n-th answer is `answers[n]` (a status, or 'hang' to never answer); the last one repeats. */
async function startHub(answers: readonly (number | 'hang')[]): Promise<Hub> {
  const received: Hub['received'] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const answer = answers[Math.min(received.length, answers.length - 1)] ?? 204;
      received.push({ method: request.method ?? '', type: request.headers['content-type'] ?? '', body });
      if (answer === 'hang') hanging.push(response);
      else response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

const quiet = () => {};

describe('pinging a WebSub hub', () => {
  it('posts hub.mode=publish and hub.url as a form, and retries a hub that first fails', async () => {
    hub = await startHub([503, 500, 204]);
    const lines: string[] = [];
    const results = await pingHub({
      hub: hub.url,
      urls: ['https://news.example.com/atom.xml'],
      backoffMs: 1,
      log: (line) => lines.push(line),
    });
    expect(results).toEqual([{ url: 'https://news.example.com/atom.xml', ok: true, attempts: 3, detail: 'HTTP 204' }]);
    expect(hub.received).toEqual(
      Array.from({ length: 3 }, () => ({
        method: 'POST',
        type: 'application/x-www-form-urlencoded',
        body: 'hub.mode=publish&hub.url=https%3A%2F%2Fnews.example.com%2Fatom.xml',
      })),
    );
    expect(lines.at(-1)).toBe(
      `wirefeed: WebSub hub ${hub.url} accepted https://news.example.com/atom.xml (HTTP 204, try 3)`,
    );
  });

  it('gives up after the bounded tries on a hub that stays down, without throwing', async () => {
    hub = await startHub([503]);
    const results = await pingHub({ hub: hub.url, urls: ['https://a.example/rss.xml'], backoffMs: 1, log: quiet });
    expect(results).toEqual([{ url: 'https://a.example/rss.xml', ok: false, attempts: 3, detail: 'HTTP 503' }]);
    expect(hub.received).toHaveLength(3);
  });

  it('does not retry an answer that will not change (400)', async () => {
    hub = await startHub([400, 204]);
    const results = await pingHub({ hub: hub.url, urls: ['https://a.example/rss.xml'], backoffMs: 1, log: quiet });
    expect(results[0]).toMatchObject({ ok: false, attempts: 1, detail: 'HTTP 400' });
  });

  it('abandons a hub that never answers after the timeout', async () => {
    hub = await startHub(['hang']);
    const started = performance.now();
    const results = await pingHub({
      hub: hub.url,
      urls: ['https://a.example/rss.xml'],
      attempts: 2,
      backoffMs: 1,
      timeoutMs: 100,
      log: quiet,
    });
    expect(results[0]).toMatchObject({ ok: false, attempts: 2, detail: 'timed out after 100 ms' });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('survives a hub that is not there at all', async () => {
    const results = await pingHub({
      hub: 'http://127.0.0.1:9/hub',
      urls: ['https://a.example/rss.xml'],
      attempts: 2,
      backoffMs: 1,
      log: quiet,
    });
    expect(results[0]).toMatchObject({ ok: false, attempts: 2 });
    expect(results[0]?.detail).toMatch(/^failed: /);
  });

  it('knows which feeds changed: new or different digests', () => {
    expect(changedFeeds({ a: '1', b: '2' }, { a: '1', b: '3', c: '4' })).toEqual(['b', 'c']);
  });
});

describe('the deploy step (scripts/websub-ping.ts) on a built site', () => {
  it('pings every feed on the first deploy, nothing when no feed changed, and never fails', async () => {
    const work = await mkdtemp(join(tmpdir(), 'wirefeed-websub-'));
    try {
      const manifest = join(work, 'manifest.js');
      const assets = join(work, 'assets');
      const record = join(work, 'websub-etags.json');
      await run(process.execPath, [
        'src/builder/cli.ts',
        '--content',
        'test/fixtures/content/sites/good',
        '--assets',
        assets,
        '--manifest',
        manifest,
        '--base-url',
        'https://news.example.com',
      ]);
      hub = await startHub([503, 204]);
      const ping = () =>
        run(process.execPath, [
          'scripts/websub-ping.ts',
          '--manifest',
          manifest,
          '--assets',
          assets,
          '--record',
          record,
          '--hub',
          hub?.url ?? '',
          '--backoff-ms',
          '1',
        ]);
      const first = await ping();
      expect(first.stdout).toContain(
        `wirefeed: pinging WebSub hub ${hub.url} for 3 changed feed(s): https://news.example.com/rss.xml, https://news.example.com/atom.xml, https://news.example.com/feed.json`,
      );
      expect(first.stdout).toContain('wirefeed: WebSub: 3 of 3 ping(s) accepted');
      // Four requests: the hub's first answer was a 503 and that feed was tried again.
      const topics = hub.received.map((request) => new URLSearchParams(request.body).get('hub.url'));
      expect(topics).toHaveLength(4);
      expect([...new Set(topics)].sort()).toEqual([
        'https://news.example.com/atom.xml',
        'https://news.example.com/feed.json',
        'https://news.example.com/rss.xml',
      ]);
      const again = await ping();
      expect(again.stdout).toContain('no feed changed since the last deploy');
      expect(hub.received).toHaveLength(4);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 60_000);
});
