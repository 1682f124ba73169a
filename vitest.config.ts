// Four projects: pure functions in Node, the external validators (Python feedparser, Java vnu) over built output, real Chromium against the app, the Worker end to end inside workerd.
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'validators',
          include: ['test/validators/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // A limiter small enough to pass in a test (wrangler.toml's PARTNER_RATE_LIMIT allows 600 a minute).
            miniflare: { ratelimits: { TINY_RATE_LIMIT: { namespace_id: '9001', simple: { limit: 3, period: 60 } } } },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
        },
      },
    ],
  },
});
