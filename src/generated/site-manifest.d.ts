// Types of site-manifest.js, which `npm run build` (src/builder/cli.ts) generates from content/.
import type { SiteManifest } from '../archive/manifest.ts';

declare const manifest: SiteManifest;
export default manifest;
