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
          // Java (the Nu HTML Checker), Python and xmllint start per test: sized for a loaded 2-core machine.
          testTimeout: 120_000,
          hookTimeout: 120_000,
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
            // The publish endpoint's secret, as `npm run dev` puts it in .dev.vars (never a real one).
            miniflare: { bindings: { PUBLISH_TOKEN: 'test-publish-token-0123456789abcdef' } },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['test/worker/setup-seed.ts'],
        },
      },
    ],
  },
});
