// Types of site-manifest.js, which `npm run build` (src/prerender/cli.ts) generates from content/.
import type { SiteManifest } from '../manifest.ts';

declare const manifest: SiteManifest;
export default manifest;
