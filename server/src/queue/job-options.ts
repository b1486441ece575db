import type { JobOptions } from 'bull';

/**
 * Default options for every job: retried with exponential backoff, and kept when it fails
 * for good so it can be inspected and replayed (removeOnFail: false).
 */
export function defaultJobOptions(attempts: number, backoffMs: number): JobOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 10000 },
    removeOnFail: false,
  };
}
