// The Worker's secrets and local-only settings, which wrangler.toml does not list (so `wrangler types` cannot see them).
interface WorkerSecrets {
  /** The publish endpoint's token: `npx wrangler secret put PUBLISH_TOKEN`; locally .dev.vars (`npm run dev` writes it). */
  readonly PUBLISH_TOKEN?: string;
  /** `1` only in .dev.vars: partner webhooks may go to http://127.0.0.1. Never set in production. */
  readonly ALLOW_LOCAL_WEBHOOKS?: string;
}

interface Env extends WorkerSecrets {}
declare namespace Cloudflare {
  interface Env extends WorkerSecrets {}
}
