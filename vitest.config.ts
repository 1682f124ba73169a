// Five projects: pure functions in Node, the external validators (Python feedparser, Java vnu, xmllint) over built
// output, real Chromium against the app, `npm run dev` and wrangler from outside, the Worker inside workerd.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { webhookQueues } from './src/worker/webhooks/queue-handler.ts';
import { e2eTimeout, processTimeout, validatorTimeout } from './test/support/timeouts.ts';
import { testSecretName, testWebhookSecret } from './test/worker/webhooks/test-secret.ts';

// The search index's schema, applied to the test D1 before the worker tests (test/worker/apply-migrations.ts).
const searchMigrations = await readD1Migrations('migrations/search');

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
          testTimeout: validatorTimeout,
          hookTimeout: validatorTimeout,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          // Chromium starts once per file, and each page is built in Node first.
          testTimeout: processTimeout,
          hookTimeout: processTimeout,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // `npm run dev` (wrangler dev, workerd, a publisher) and `wrangler deploy --dry-run` start per file.
          testTimeout: e2eTimeout,
          hookTimeout: e2eTimeout,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // What .dev.vars holds locally (never real secrets): the publish token, webhooks allowed to the
              // receiver on 127.0.0.1, signed with a test key.
              bindings: {
                PUBLISH_TOKEN: 'test-publish-token-0123456789abcdef',
                ALLOW_LOCAL_WEBHOOKS: '1',
                [testSecretName]: testWebhookSecret,
                TEST_MIGRATIONS: searchMigrations,
              },
              // The queues of wrangler.toml, with batches flushed after 50 ms, and no retry of a delivery in the
              // simulated queue (its first failure goes to the dead-letter queue): a retry there waits its real
              // 30 s. The retry schedule itself is tested at the handler (test/worker/webhooks/delivery.test.ts).
              queueConsumers: {
                [webhookQueues.deliveries]: {
                  maxBatchSize: 10,
                  maxBatchTimeout: 0.05,
                  maxRetries: 0,
                  deadLetterQueue: webhookQueues.deadLetters,
                },
                [webhookQueues.deadLetters]: { maxBatchSize: 10, maxBatchTimeout: 0.05, maxRetries: 5 },
              },
              // A limiter small enough to pass in a test (wrangler.toml's PARTNER_RATE_LIMIT allows 600 a minute).
              ratelimits: { TINY_RATE_LIMIT: { namespace_id: '9001', simple: { limit: 3, period: 60 } } },
            },
          }),
        ],
        test: {
          name: 'worker',
          // The SSRF table runs here too: in production the guard trusts workerd's URL parser, not Node's.
          include: ['test/worker/**/*.test.ts', 'test/unit/worker/webhooks/target.test.ts'],
          setupFiles: ['test/worker/apply-migrations.ts', 'test/worker/setup-seed.ts'],
          // A real HTTP receiver on 127.0.0.1 for the webhook tests; its port reaches them through inject().
          globalSetup: ['test/worker/webhooks/receiver-setup.ts'],
        },
      },
    ],
  },
});
