// Bindings only the worker tests have, beside the generated Env (src/generated/worker-env.d.ts).
declare namespace Cloudflare {
  interface Env {
    /** migrations/search, read in Node by vitest.config.ts (readD1Migrations). */
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
    /** A limiter small enough to exhaust in a test (vitest.config.ts): 3 a minute. */
    TINY_RATE_LIMIT: RateLimit;
  }
}
