// `npm run partners -- deliveries` as a publisher runs it, against a local server that answers as the Worker's
// /api/publish/deliveries does (the endpoint itself is tested inside workerd: test/worker/webhooks/dead-letters.test.ts).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePartners } from '../../../src/content/partners-config.ts';
import type { DeadLetter } from '../../../src/worker/webhooks/delivery-records.ts';
import { scratchFolder } from '../../support/content-folder.ts';
import { processTimeout } from '../../support/timeouts.ts';

const script = resolve('scripts/partners.ts');

const deadLetters: DeadLetter[] = [
  {
    partner: 'acme',
    url: 'https://hooks.acme.example/wirefeed',
    webhookId: 'msg_0123456789abcdef0123456789abcdef',
    reason: 'retries exhausted',
    attempts: 11,
    lastStatus: 503,
    firstAttemptAt: '2026-01-01T10:00:00.000Z',
    lastAttemptAt: '2026-01-01T14:03:30.000Z',
    enqueuedAt: '2026-01-01T10:00:00.000Z',
    deadAt: '2026-01-01T14:03:31.000Z',
    bodyBytes: 2048,
  },
  {
    partner: 'globex',
    url: 'https://hooks.globex.example/in',
    webhookId: 'msg_fedcba9876543210fedcba9876543210',
    reason: 'not retryable: secret WEBHOOK_SECRET_GLOBEX is not set',
    attempts: 1,
    lastError: 'secret WEBHOOK_SECRET_GLOBEX is not set',
    firstAttemptAt: '2026-01-01T09:00:00.000Z',
    lastAttemptAt: '2026-01-01T09:00:00.000Z',
    enqueuedAt: '2026-01-01T09:00:00.000Z',
    deadAt: '2026-01-01T09:00:00.000Z',
    bodyBytes: 512,
  },
];

let origin = '';
const requests: { url: string; headers: IncomingHttpHeaders }[] = [];
const server = createServer((request, response) => {
  requests.push({ url: request.url ?? '', headers: request.headers });
  if (request.headers.authorization !== 'Bearer publish-token') response.writeHead(401).end();
  else if (!request.url?.startsWith('/api/publish/deliveries')) response.writeHead(404).end();
  else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ deadLetters }));
});

beforeAll(async () => {
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

function partners(args: readonly string[], { token, cwd }: { token?: string; cwd?: string } = {}) {
  const env = { ...process.env, PUBLISH_TOKEN: token ?? '', WIREFEED_ORIGIN: '' };
  const child = spawn(process.execPath, [script, ...args], {
    env,
    cwd: cwd ?? scratchFolder('partners'),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) =>
    child.on('close', (status) => done({ status, stdout, stderr })),
  );
}

describe('npm run partners -- deliveries', { timeout: processTimeout }, () => {
  it('lists each dead letter on one line: when, partner, webhook-id, attempts, how the last ended, where', async () => {
    const result = await partners(['deliveries', '--origin', origin, '--partner', 'acme', '--limit', '5'], {
      token: 'publish-token',
    });
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      '2026-01-01T14:03:31.000Z  acme  msg_0123456789abcdef0123456789abcdef  11 attempts, last: HTTP 503  https://hooks.acme.example/wirefeed  (retries exhausted, 2048 bytes)',
      '2026-01-01T09:00:00.000Z  globex  msg_fedcba9876543210fedcba9876543210  1 attempt, last: secret WEBHOOK_SECRET_GLOBEX is not set  https://hooks.globex.example/in  (not retryable: secret WEBHOOK_SECRET_GLOBEX is not set, 512 bytes)',
    ]);
    expect(requests.at(-1)?.url).toBe('/api/publish/deliveries?partner=acme&limit=5');
  });

  it('prints the records as JSON with --json', async () => {
    const result = await partners(['deliveries', '--origin', origin, '--json'], { token: 'publish-token' });
    expect(JSON.parse(result.stdout)).toEqual(deadLetters);
  });

  it('reads the publish token from .dev.vars when the environment has none', async () => {
    const cwd = scratchFolder('partners');
    writeFileSync(join(cwd, '.dev.vars'), 'ALLOW_LOCAL_WEBHOOKS=1\nPUBLISH_TOKEN="publish-token"\n');
    const result = await partners(['deliveries', '--origin', origin], { cwd });
    expect(result.status).toBe(0);
    expect(requests.at(-1)?.headers.authorization).toBe('Bearer publish-token');
  });

  it('says so, and fails, when the token is refused or missing, or the Worker has no such route', async () => {
    const refused = await partners(['deliveries', '--origin', origin], { token: 'wrong' });
    expect(refused.stderr).toContain(`wirefeed: ${origin} refused the publish token`);
    expect(refused.status).toBe(1);
    const missing = await partners(['deliveries', '--origin', origin]);
    expect(missing.stderr).toContain('wirefeed: no publish token');
    expect(missing.status).toBe(1);
    const elsewhere = await partners(['deliveries', '--origin', `${origin}/not-wirefeed`], { token: 'publish-token' });
    expect(elsewhere.stderr).toContain('does not serve /api/publish/deliveries');
    expect(elsewhere.status).toBe(1);
  });

  it('shows its usage for anything but deliveries', async () => {
    const result = await partners(['list']);
    expect(result.stderr).toContain('usage: npm run partners -- deliveries');
    expect(result.status).toBe(2);
  });
});

describe('npm run partners -- key', { timeout: processTimeout }, () => {
  it('prints a new key once and a partners.yaml entry that names only its SHA-256', async () => {
    const result = await partners(['key', 'acme']);
    expect(result.status).toBe(0);
    const key = /^#\s+(wf_[A-Za-z0-9_-]{43})$/m.exec(result.stdout)?.[1] ?? '';
    expect(key).not.toBe('');
    const entry = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    expect(entry).not.toContain(key);
    const parsed = parsePartners('content/partners.yaml', entry);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.partners).toHaveLength(1);
    expect(parsed.partners[0]?.keySha256).toBe(createHash('sha256').update(key).digest('hex'));
    // A second run makes another key.
    const again = await partners(['key', 'acme']);
    expect(again.stdout).not.toContain(key);
  });

  it('refuses an id partners.yaml would refuse, with exit status 2', async () => {
    const result = await partners(['key', 'ACME Daily']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('partner id "ACME Daily": use lowercase letters, digits and hyphens');
  });
});
