/** Worker entry: the app over the manifest `npm run build` compiled in, reading pages from static assets. */
import { createApp } from './app.ts';
import manifest from './generated/site-manifest.js';
import { assetStore } from './storage/site-store.ts';

interface Env {
  readonly ASSETS: Fetcher;
}

export default createApp({ manifest, storeFor: (env) => assetStore((env as Env).ASSETS) });
