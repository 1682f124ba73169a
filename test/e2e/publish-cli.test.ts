// `npm run publish` refuses, before building anything, what would put a wrong site online.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

function publish(...args: string[]) {
  const run = spawnSync(process.execPath, ['src/builder/cli.ts', 'publish', ...args], {
    cwd: root,
    env: { ...process.env, PUBLISH_TOKEN: 'not-used-0123456789abcdef' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr };
}

describe('npm run publish', () => {
  it('refuses to publish a site whose links point at localhost to a public address', () => {
    const { status, stderr } = publish('--url', 'https://news.example.com');
    expect(status).toBe(2);
    expect(stderr).toContain(
      'refusing to publish to https://news.example.com with links to http://localhost:8787: set baseUrl in content/site.yaml (or --base-url)',
    );
  });

  it('refuses a URL that is not http(s), in one line, without a stack trace', () => {
    const cases = ['notaurl', 'ftp://news.example.com'];
    for (const url of cases) {
      const { status, stderr } = publish('--url', url);
      expect(status, url).toBe(2);
      expect(stderr, url).toContain(`wirefeed: ${url} is not an http(s) URL`);
      expect(stderr, url).not.toMatch(/\n\s+at /);
    }
    expect(cases).toHaveLength(2);
  });
});
