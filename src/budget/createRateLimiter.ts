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

/**
 * Gives a slot back: call it once the server has answered (the response headers arrived) or the
 * request failed. The slot then stays taken for `intervalMs` from that moment. Calling it again does nothing.
 */
export type ReleaseSlot = () => void;

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
   * Resolves when the caller may send its request, with the function that gives the slot back. A
   * slot counts from the moment it is taken until `intervalMs` after it is released: the server counts
   * a request when it arrives, which is after it was sent and before it was answered, so no window of
   * `intervalMs` holds more than `requests` arrivals on the server either, whatever the latency.
   * A slot that is never released stays taken. Waiting callers are served in the order they called.
   * @throws (rejects) the signal's reason when aborted while waiting; a {@link RateLimitedError} when
   *   the queue is full or the wait would exceed `maxWaitMs`.
   */
  acquire(options?: AcquireOptions): Promise<ReleaseSlot>;
  /** Callers waiting for a slot right now. */
  readonly waiting: number;
}

interface Slot {
  /** Epoch ms the slot is free again; `Infinity` while its request is in flight. */
  freeAt: number;
}

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  release: () => void;
}

/**
 * A sliding-window rate limiter: the slots taken (each held until `intervalMs` after its request was
 * answered) and a queue. Plain timers (`setTimeout`, `Date.now`), so fake timers drive it in tests.
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
  let slots: Slot[] = [];
  const queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;

  const forget = (now: number) => {
    if (slots.some((slot) => slot.freeAt <= now)) slots = slots.filter((slot) => slot.freeAt > now);
  };

  const take = (): ReleaseSlot => {
    const slot: Slot = { freeAt: Infinity };
    slots.push(slot);
    return () => {
      if (slot.freeAt !== Infinity) return;
      const now = Date.now();
      slot.freeAt = now + intervalMs;
      schedule(now);
    };
  };

  /** When the `position`-th waiter (0 = the next slot handed out) would get its slot, counting requests in flight as answered now. */
  const slotTime = (position: number, now: number): number => {
    forget(now);
    const free = slots.map((slot) => Math.min(slot.freeAt, now + intervalMs)).sort((a, b) => a - b);
    let at = now;
    for (let i = 0; i <= position; i += 1) {
      at = free.length >= requests ? Math.max(now, free.shift()!) : now;
      // The slot handed out here is held a window past its (estimated) answer.
      free.push(at + intervalMs);
      free.sort((a, b) => a - b);
    }
    return at;
  };

  const drain = () => {
    timer = undefined;
    timerAt = Infinity;
    const now = Date.now();
    forget(now);
    while (queue.length > 0 && slots.length < requests) queue.shift()!.grant(take());
    schedule(now);
  };

  /** Wakes the queue when the earliest held slot frees; slots still in flight wake it on release. */
  const schedule = (now: number) => {
    if (queue.length === 0) return;
    forget(now);
    const next = slots.length < requests ? now : Math.min(...slots.map((slot) => slot.freeAt));
    if (next === Infinity || next >= timerAt) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = next;
    timer = setTimeout(drain, next - now);
  };

  return {
    get waiting() {
      return queue.length;
    },
    acquire({ signal, maxWaitMs } = {}) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const now = Date.now();
      forget(now);
      if (queue.length === 0 && slots.length < requests) return Promise.resolve(take());
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
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const onAbort = () => {
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          reject(signal?.reason);
        };
        const waiter: Waiter = {
          grant: (release) => {
            waiter.release();
            resolve(release);
          },
          release: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        schedule(now);
      });
    },
  };
}
