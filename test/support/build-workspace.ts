/** Build workspaces for runBuild tests: a copy of a fixture site as content/, cache/ and archive/ beside it, served back through the real app. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.ts';
import { dirTarget } from '../../src/builder/archive/dir-target.ts';
import { LiveArchive } from '../../src/worker/archive/live-archive.ts';

const made: string[] = [];

/** Removes every workspace made so far (an `afterAll`). */
export function removeWorkspaces(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A scratch folder with a copy of a fixture site as content/, and empty cache/ and archive/ folders beside it. */
export function workspace(fixture = 'good') {
  const dir = mkdtempSync(join(tmpdir(), 'wirefeed-run-build-'));
  made.push(dir);
  cpSync(join('test/fixtures/content/sites', fixture), join(dir, 'content'), { recursive: true });
  return {
    dir,
    content: join(dir, 'content'),
    cache: join(dir, 'cache'),
    archive: join(dir, 'archive'),
    write: (path: string, text: string) => writeFileSync(join(dir, 'content', path), text),
  };
}

/** Every route a reader or a feed would ask for, as the app answers it over the folder archive: status, validators, body. */
export async function served(archive: string, paths: readonly string[]): Promise<Record<string, string>> {
  const app = createApp({
    archive: new LiveArchive({ codeVersion: 'test' }),
    sourceFor: () => dirTarget(archive).source(),
  });
  const seen: Record<string, string> = {};
  for (const path of paths) {
    const response = await app.fetch(new Request(`https://news.example.com${path}`));
    seen[path] =
      `${response.status} ${response.headers.get('ETag')} ${response.headers.get('Last-Modified')} ${await response.text()}`;
  }
  return seen;
}

export const routes = [
  '/',
  '/rss.xml',
  '/atom.xml',
  '/feed.json',
  '/sitemap.xml',
  '/news-sitemap.xml',
  '/robots.txt',
  '/tags/',
  '/sources/',
  '/sources/www.news.cn/rss.xml',
  '/articles/alpha',
  '/articles/beta',
  '/articles/older',
  '/articles/newest.ninjs.json',
  '/articles/story-1',
  '/articles/story-2',
];
