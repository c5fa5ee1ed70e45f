/** A sliding-window request budget per key (the `Authorization` header: Omni limits per API key). */
export interface RateLimiter {
  /** Takes one request from `key`'s budget at `now`: `true` when allowed, else how long until a slot frees. */
  take(key: string | null, now: number): true | { retryAfterMs: number };
  /** Forgets every window. */
  reset(): void;
}

/** At most `requests` allowed requests per key within any `intervalMs`; refused ones do not count. */
export function createRateLimiter(limit: { requests: number; intervalMs: number }): RateLimiter {
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
