import { isOmniError } from '../errors/OmniError.js';

/**
 * How many times a failed wait is retried, by cause. Counts retries, not attempts, as react-query's
 * numeric `retry` does: 6 retries is 7 requests in all.
 */
export const RETRY_LIMITS = {
  /** 429: Omni's limit is per minute, so a burst clears if we keep backing off. */
  rateLimited: 6,
  /** 5xx, a mid-stream server failure, and network errors. */
  transient: 3,
} as const;

/** Backoff parameters of {@link retryDelayMs}, in milliseconds. */
export const RETRY_BACKOFF = {
  /** First ceiling for 5xx and network errors; doubles with each failure. */
  baseMs: 1_000,
  /** First ceiling for a 429 without `Retry-After`: the window is a minute, so start higher. */
  rateLimitedBaseMs: 2_000,
  /** No backoff ceiling grows beyond this. */
  maxMs: 30_000,
  /** The smallest delay: full jitter may draw 0, and an instant retry of a failure helps no one. */
  minMs: 100,
  /** A `Retry-After` longer than this is cut to it (a far-future HTTP date would stall a dashboard forever). */
  maxRetryAfterMs: 5 * 60_000,
} as const;

/**
 * Whether react-query should retry a failed wait. Pass it as `retry`.
 *
 * - `http` 429: up to {@link RETRY_LIMITS}.rateLimited retries;
 * - `http` 5xx (including a mid-stream server failure) and `network`: up to {@link RETRY_LIMITS}.transient;
 * - every other 4xx, `schema`, `decode`, `job`, `timeout`, and anything that is not an `OmniError`
 *   (an abort, a bug): never, because asking again gives the same answer.
 *
 * @param failureCount failures before this one, as react-query passes it: `0` on the first failure.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const limit = retryLimit(error);
  return failureCount < limit;
}

/**
 * How long to wait before the next retry, in milliseconds. Pass it as `retryDelay`.
 *
 * The server's `Retry-After` when the error carries one (capped at
 * {@link RETRY_BACKOFF}.maxRetryAfterMs); otherwise exponential backoff with full jitter:
 * a uniform draw below `base · 2^failureCount` (capped at {@link RETRY_BACKOFF}.maxMs), and never
 * below {@link RETRY_BACKOFF}.minMs.
 *
 * @param failureCount failures before this one, as react-query passes it: `0` on the first failure.
 * @param random a source of numbers in `[0, 1)`; tests pass a fixed one.
 */
export function retryDelayMs(failureCount: number, error: unknown, random: () => number = Math.random): number {
  if (isOmniError(error) && error.retryAfterMs !== undefined) {
    return Math.min(Math.max(0, error.retryAfterMs), RETRY_BACKOFF.maxRetryAfterMs);
  }
  const base = isOmniError(error, 'http') && error.status === 429 ? RETRY_BACKOFF.rateLimitedBaseMs : RETRY_BACKOFF.baseMs;
  const exponent = Math.min(Math.max(0, failureCount), 20);
  const ceiling = Math.min(RETRY_BACKOFF.maxMs, base * 2 ** exponent);
  return Math.max(RETRY_BACKOFF.minMs, Math.floor(random() * ceiling));
}

function retryLimit(error: unknown): number {
  if (isOmniError(error, 'network')) return RETRY_LIMITS.transient;
  if (!isOmniError(error, 'http') || error.status === undefined) return 0;
  if (error.status === 429) return RETRY_LIMITS.rateLimited;
  if (error.status >= 500) return RETRY_LIMITS.transient;
  return 0;
}
