/**
 * Omni's refusing window, as the fake plays it: per key (the `Authorization` header, since Omni limits
 * per API key), a sliding window that answers 429 once it is full. Not a budget that queues requests
 * (that is the client's `createRateLimiter`): a refused request is simply refused.
 */
export interface RefusingWindow {
  /** Counts one request of `key` at `now`: `true` when allowed, else how long until the window has room. */
  take(key: string | null, now: number): true | { retryAfterMs: number };
  /** Forgets every window. */
  reset(): void;
}

/** At most `requests` allowed requests per key within any `intervalMs`; refused ones do not count. */
export function createRefusingWindow(limit: { requests: number; intervalMs: number }): RefusingWindow {
  const windows = new Map<string | null, number[]>();
  return {
    take(key, now) {
      const window = (windows.get(key) ?? []).filter((at) => now - at < limit.intervalMs);
      windows.set(key, window);
      if (window.length >= limit.requests) {
        const oldest = window[0] ?? now;
        return { retryAfterMs: Math.max(0, oldest + limit.intervalMs - now) };
      }
      window.push(now);
      return true;
    },
    reset() {
      windows.clear();
    },
  };
}
