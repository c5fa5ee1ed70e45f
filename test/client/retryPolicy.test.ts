import { describe, expect, it } from 'vitest';
import { RETRY_BACKOFF, RETRY_LIMITS, retryDelayMs, shouldRetry } from '../../src/client/retryPolicy.js';
import { OmniError, type OmniErrorKind } from '../../src/errors/OmniError.js';

const http = (status: number, retryAfterMs?: number) => new OmniError('http', `HTTP ${status}`, { status, retryAfterMs });
const kind = (k: OmniErrorKind) => new OmniError(k, k);

/** How many retries `shouldRetry` allows for `error` before it says no. */
function retries(error: unknown): number {
  let count = 0;
  while (shouldRetry(count, error)) count += 1;
  return count;
}

describe('shouldRetry', () => {
  it('retries 429 up to the rate-limit budget', () => {
    expect(retries(http(429))).toBe(RETRY_LIMITS.rateLimited);
    expect(RETRY_LIMITS.rateLimited).toBeGreaterThan(RETRY_LIMITS.transient);
  });

  it.each([500, 502, 503, 504])('retries %i a bounded number of times', (status) => {
    expect(retries(http(status))).toBe(RETRY_LIMITS.transient);
  });

  it('retries network errors a bounded number of times', () => {
    expect(retries(kind('network'))).toBe(RETRY_LIMITS.transient);
  });

  it.each([400, 401, 403, 404, 408, 422])('never retries %i', (status) => {
    expect(shouldRetry(0, http(status))).toBe(false);
  });

  it.each(['schema', 'decode', 'job', 'timeout'] as const)('never retries a %s error', (k) => {
    expect(shouldRetry(0, kind(k))).toBe(false);
  });

  it('never retries what is not an OmniError (aborts, bugs)', () => {
    expect(shouldRetry(0, new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(shouldRetry(0, new TypeError('x is undefined'))).toBe(false);
    expect(shouldRetry(0, undefined)).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('honours Retry-After when the error carries it', () => {
    expect(retryDelayMs(0, http(429, 7_000), () => 0.99)).toBe(7_000);
    expect(retryDelayMs(5, http(503, 0), () => 0.99)).toBe(0);
  });

  it('caps an absurd Retry-After', () => {
    expect(retryDelayMs(0, http(429, 86_400_000))).toBe(RETRY_BACKOFF.maxRetryAfterMs);
  });

  it('draws uniformly below an exponentially growing ceiling (full jitter)', () => {
    const almostOne = () => 0.999_999;
    const ceilings = [0, 1, 2, 3].map((n) => retryDelayMs(n, http(500), almostOne));
    expect(ceilings).toEqual([999, 1_999, 3_999, 7_999]);
    expect(retryDelayMs(2, http(500), () => 0.5)).toBe(2_000);
  });

  it('starts higher for a 429 without Retry-After', () => {
    expect(retryDelayMs(0, http(429), () => 0.5)).toBe(RETRY_BACKOFF.rateLimitedBaseMs / 2);
    expect(retryDelayMs(0, http(429), () => 0.5)).toBeGreaterThan(retryDelayMs(0, http(500), () => 0.5));
  });

  it('never exceeds the cap and never drops below the floor', () => {
    expect(retryDelayMs(30, kind('network'), () => 0.999_999)).toBeLessThanOrEqual(RETRY_BACKOFF.maxMs);
    expect(retryDelayMs(1_000, kind('network'), () => 0.999_999)).toBeLessThanOrEqual(RETRY_BACKOFF.maxMs);
    expect(retryDelayMs(0, kind('network'), () => 0)).toBe(RETRY_BACKOFF.minMs);
  });

  it('uses Math.random by default, within bounds', () => {
    for (let i = 0; i < 100; i += 1) {
      const delay = retryDelayMs(3, http(502));
      expect(delay).toBeGreaterThanOrEqual(RETRY_BACKOFF.minMs);
      expect(delay).toBeLessThan(RETRY_BACKOFF.baseMs * 8);
    }
  });
});
