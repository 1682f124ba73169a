// The retry schedule, and the wrangler.toml queue settings it depends on, read the way wrangler reads them.

import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';
import { webhookQueues } from '../../../../src/worker/webhooks/queue-handler.ts';
import { maxRetries, retryDelaySeconds, retrySchedule } from '../../../../src/worker/webhooks/retry-schedule.ts';

/** The parts of wrangler's parsed config read here (its own types come from a package wrangler bundles). */
interface QueueConfig {
  queues: {
    producers?: { binding: string; queue: string }[];
    consumers?: { queue: string; max_batch_size?: number; max_retries?: number; dead_letter_queue?: string }[];
  };
  r2_buckets: { binding: string }[];
  vars: Record<string, unknown>;
}

const config: QueueConfig = unstable_readConfig({ config: 'wrangler.toml' });

describe('the webhook retry schedule', () => {
  it('waits 30 s after the first failure and twice as long after each next one, up to an hour', () => {
    expect(retrySchedule()).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
  });

  it('spans more than 10 minutes in all: 14,610 s (4 h 3 min 30 s) over 11 attempts', () => {
    const total = retrySchedule().reduce((sum, delay) => sum + delay, 0);
    expect(total).toBe(14_610);
    expect(total).toBeGreaterThanOrEqual(10 * 60);
  });

  it('never asks the queue for a delay out of its range, whatever the attempt number', () => {
    let checked = 0;
    for (const attempt of [0, 1, 11, 12, 100, 1000]) {
      const delay = retryDelaySeconds(attempt);
      expect(Number.isInteger(delay) && delay >= 30 && delay <= 3600, `attempt ${attempt}: ${delay}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(6);
  });

  it('matches wrangler.toml: the consumer retries as often as the schedule is long, then dead-letters', () => {
    const deliveries = config.queues.consumers?.find((consumer) => consumer.queue === webhookQueues.deliveries);
    expect(deliveries).toMatchObject({ max_retries: maxRetries, dead_letter_queue: webhookQueues.deadLetters });
    expect(deliveries?.max_batch_size).toBeGreaterThan(1);
    const deadLetters = config.queues.consumers?.find((consumer) => consumer.queue === webhookQueues.deadLetters);
    expect(deadLetters).toBeDefined();
    expect(config.queues.producers).toContainEqual(
      expect.objectContaining({ binding: 'WEBHOOKS', queue: webhookQueues.deliveries }),
    );
    expect(config.r2_buckets).toContainEqual(expect.objectContaining({ binding: 'ARCHIVE' }));
  });

  it('never lets ALLOW_LOCAL_WEBHOOKS into the deployed [vars]', () => {
    expect(config.vars).not.toHaveProperty('ALLOW_LOCAL_WEBHOOKS');
  });
});
