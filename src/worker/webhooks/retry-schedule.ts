/** When a failed webhook is tried again: exponential backoff, 30 s doubling, capped at an hour, 10 retries. */

/** The wait after the first failed attempt. */
const firstDelaySeconds = 30;
/** No wait is longer than an hour (Queues allows up to 24 h a retry). */
const longestDelaySeconds = 3600;

/**
 * Retries after the first attempt. wrangler.toml's `max_retries` for `wirefeed-webhooks` must be this number
 * (a test reads both): after the last one fails, the queue moves the message to `wirefeed-webhooks-dead`.
 */
export const maxRetries = 10;

/** Seconds to wait after failed attempt number `attempt` (1-based, `Message.attempts`): 30, 60, 120, … 3600. */
export function retryDelaySeconds(attempt: number): number {
  const doublings = Math.max(0, Math.min(attempt, maxRetries) - 1);
  return Math.min(firstDelaySeconds * 2 ** doublings, longestDelaySeconds);
}

/** Every wait of the schedule, in order: `maxRetries` of them. */
export function retrySchedule(): number[] {
  return Array.from({ length: maxRetries }, (_, index) => retryDelaySeconds(index + 1));
}
