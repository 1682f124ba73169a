/** `npm run deploy`, after `wrangler deploy` succeeded: pings the WebSub hub for each feed whose bytes changed since the last deploy. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from '../src/app.ts';
import type { SiteManifest } from '../src/archive/manifest.ts';
import { sectionFeedPaths } from '../src/builder/publish/section-feeds.ts';
import { changedFeeds, type FeedDigests, pingedFeedPaths, pingHub } from '../src/builder/publish/websub.ts';
import { strongEtag } from '../src/shared/etag.ts';

const { values } = parseArgs({
  options: {
    manifest: { type: 'string', default: 'src/generated/site-manifest.js' },
    assets: { type: 'string', default: 'build/assets' },
    record: { type: 'string', default: 'build/websub-etags.json' },
    hub: { type: 'string' },
    'backoff-ms': { type: 'string', default: '1000' },
    'timeout-ms': { type: 'string', default: '10000' },
  },
});

/** Whatever goes wrong here is reported and the deploy, already done, stands: exit 0 always. */
async function main(): Promise<void> {
  const manifest = (await import(pathToFileURL(resolve(values.manifest)).href)).default as SiteManifest;
  const hub = values.hub ?? manifest.site.websubHub;
  if (hub === undefined) {
    console.log('wirefeed: no websubHub in content/site.yaml; no WebSub ping');
    return;
  }
  const assets = resolve(values.assets);
  const store = {
    read: (path: string) => readFile(join(assets, path), 'utf8').catch(() => undefined),
  };
  const app = createApp({ manifest, storeFor: () => store });
  // The bytes each feed now serves, page 1 (what subscribers poll), read through the app itself.
  const current: Record<string, string> = {};
  for (const path of [...pingedFeedPaths, ...(await sectionFeedPaths(assets))]) {
    const url = `${manifest.site.baseUrl}${path}`;
    const response = await app.fetch(new Request(url));
    if (response.ok) current[url] = (await strongEtag(await response.text())).replaceAll('"', '');
  }
  const previous = await readRecord(values.record);
  const changed = changedFeeds(previous, current);
  if (changed.length === 0) {
    console.log(`wirefeed: no feed changed since the last deploy; WebSub hub ${hub} not pinged`);
    return;
  }
  console.log(`wirefeed: pinging WebSub hub ${hub} for ${changed.length} changed feed(s): ${changed.join(', ')}`);
  const results = await pingHub({
    hub,
    urls: changed,
    backoffMs: Number(values['backoff-ms']),
    timeoutMs: Number(values['timeout-ms']),
  });
  // A feed the hub did not take keeps its old digest, so the next deploy pings it again.
  const next: Record<string, string> = { ...previous };
  for (const result of results) if (result.ok) next[result.url] = current[result.url] ?? '';
  for (const url of Object.keys(current)) if (!changed.includes(url)) next[url] = current[url] ?? '';
  await mkdir(dirname(resolve(values.record)), { recursive: true });
  await writeFile(values.record, `${JSON.stringify(next, null, 2)}\n`);
  const pinged = results.filter((result) => result.ok).length;
  console.log(`wirefeed: WebSub: ${pinged} of ${results.length} ping(s) accepted`);
}

async function readRecord(path: string): Promise<FeedDigests> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as FeedDigests;
  } catch {
    return {};
  }
}

main().catch((error: unknown) => {
  console.error('wirefeed: WebSub ping skipped:', error);
});
