// Types of site-build.js, which `npm run build` (src/catalog/cli.ts) generates from content/.
import type { SiteBuild } from '../site-build.ts';

declare const build: SiteBuild;
export default build;
