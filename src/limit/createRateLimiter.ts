/** A request budget: at most `requests` requests in any `intervalMs` window. */
export interface RateLimit {
  /** Requests allowed per window. A positive integer. */
  requests: number;
  /** Length of the window, in ms. Positive. */
  intervalMs: number;
}

/** Options of {@link RateLimiter.acquire}. */
export interface AcquireOptions {
  /** Aborting it while the request waits rejects with the signal's reason; the request takes no slot. */
  signal?: AbortSignal | undefined;
  /**
   * Longest acceptable wait for a slot, in ms. When the queue ahead means a longer wait, `acquire`
   * rejects at once with a {@link RateLimitedError} instead of queueing. Default: wait as long as it takes.
   */
  maxWaitMs?: number | undefined;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Most requests that may wait for a slot; one more is refused with a {@link RateLimitedError}. Default: unbounded. */
  maxQueue?: number | undefined;
}

/** Why {@link RateLimiter.acquire} refused to queue a request: the queue is full, or the wait is too long. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  /** When a slot is expected to be free for a request that arrives now, in ms (at least 1). */
  readonly retryAfterMs: number;

  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.retryAfterMs = Math.max(1, Math.ceil(retryAfterMs));
  }
}

/** A first-come, first-served gate in front of a request budget. */
export interface RateLimiter {
  /**
   * Resolves when the caller may send its request: it then holds a slot from that moment for
   * `intervalMs`. No window of `intervalMs` ever holds more than `requests` taken slots (a sliding
   * window, so a fixed-window or sliding-window server both accept every request). Waiting callers
   * are served in the order they called.
   * @throws (rejects) the signal's reason when aborted while waiting; a {@link RateLimitedError} when
   *   the queue is full or the wait would exceed `maxWaitMs`.
   */
  acquire(options?: AcquireOptions): Promise<void>;
  /** Callers waiting for a slot right now. */
  readonly waiting: number;
}

interface Waiter {
  resolve: () => void;
  release: () => void;
}

/**
 * A sliding-window rate limiter: a log of the times slots were taken, and a queue. Plain timers
 * (`setTimeout`, `Date.now`), so fake timers drive it in tests.
 *
 * @throws TypeError when `limit.requests` is not a positive integer or `limit.intervalMs` not a positive number.
 */
export function createRateLimiter(limit: RateLimit, options: RateLimiterOptions = {}): RateLimiter {
  const { requests, intervalMs } = limit;
  if (!Number.isInteger(requests) || requests < 1) {
    throw new TypeError(`rateLimit.requests must be a positive integer, got ${String(requests)}`);
  }
  if (typeof intervalMs !== 'number' || !(intervalMs > 0) || !Number.isFinite(intervalMs)) {
    throw new TypeError(`rateLimit.intervalMs must be a positive number of milliseconds, got ${String(intervalMs)}`);
  }
  const maxQueue = options.maxQueue ?? Infinity;
  /** Times slots were taken, oldest first; only those still inside the window are kept. */
  const taken: number[] = [];
  const queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const forget = (now: number) => {
    while (taken.length > 0 && taken[0]! + intervalMs <= now) taken.shift();
  };

  /** When the `position`-th waiter (0 = the next slot handed out) would get its slot. */
  const slotTime = (position: number, now: number): number => {
    forget(now);
    const times = taken.slice();
    let at = now;
    for (let i = 0; i <= position; i += 1) {
      const bound = times.length >= requests ? times[times.length - requests]! + intervalMs : now;
      at = Math.max(now, bound);
      times.push(at);
    }
    return at;
  };

  const drain = () => {
    timer = undefined;
    const now = Date.now();
    forget(now);
    while (queue.length > 0 && taken.length < requests) {
      taken.push(now);
      queue.shift()!.resolve();
    }
    if (queue.length > 0) timer = setTimeout(drain, taken[0]! + intervalMs - now);
  };

  return {
    get waiting() {
      return queue.length;
    },
    acquire({ signal, maxWaitMs } = {}) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const now = Date.now();
      forget(now);
      if (queue.length === 0 && taken.length < requests) {
        taken.push(now);
        return Promise.resolve();
      }
      if (queue.length >= maxQueue) {
        return Promise.reject(
          new RateLimitedError('Too many requests are waiting for the request budget', slotTime(queue.length, now) - now),
        );
      }
      if (maxWaitMs !== undefined) {
        const wait = slotTime(queue.length, now) - now;
        if (wait > maxWaitMs) {
          return Promise.reject(new RateLimitedError(`The request budget frees a slot only in ${wait} ms`, wait));
        }
      }
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          resolve: () => {
            waiter.release();
            resolve();
          },
          release: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        if (timer === undefined) timer = setTimeout(drain, taken[0]! + intervalMs - now);
      });
    },
  };
}
