/** How long a test may take that starts a process or a build, sized for a loaded two-core machine (no node:*). */

/** A Node child process, esbuild, sharp encoding pictures, a build of a content folder, or Chromium. */
export const processTimeout = 60_000;

/** Java (the Nu HTML Checker), Python (feedparser) or xmllint with IPTC's schema, started per test. */
export const validatorTimeout = 120_000;

/** `npm run dev` (wrangler dev, workerd, a publisher) or `wrangler deploy --dry-run`, started per file. */
export const e2eTimeout = 180_000;
