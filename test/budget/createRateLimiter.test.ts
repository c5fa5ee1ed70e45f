import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter, RateLimitedError } from '../../src/budget/createRateLimiter.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Acquires `count` slots, recording the fake time each was granted; each request is answered at once. */
function grantTimes(limiter: ReturnType<typeof createRateLimiter>, count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    void limiter.acquire().then((release) => {
      times.push(Date.now() - 1_000_000);
      release();
    });
  }
  return times;
}

/** The largest number of grants inside any half-open window [t, t + intervalMs). */
function busiestWindow(times: readonly number[], intervalMs: number): number {
  return Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + intervalMs).length));
}

describe('createRateLimiter', () => {
  it('grants the budget at once, then one slot as each old one leaves the window', async () => {
    const limiter = createRateLimiter({ requests: 3, intervalMs: 1_000 });
    const times = grantTimes(limiter, 7);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(times).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
  });

  it('never holds more than the budget in any window, for staggered arrivals', async () => {
    const limiter = createRateLimiter({ requests: 4, intervalMs: 1_000 });
    const times: number[] = [];
    for (let i = 0; i < 30; i += 1) {
      void limiter.acquire().then((release) => {
        times.push(Date.now());
        release();
      });
      await vi.advanceTimersByTimeAsync(37 * (i % 5));
    }
    await vi.advanceTimersByTimeAsync(20_000);
    expect(times).toHaveLength(30);
    expect(busiestWindow(times, 1_000)).toBe(4);
  });

  it('serves waiting callers first come, first served', async () => {
    const limiter = createRateLimiter({ requests: 1, intervalMs: 100 });
    const order: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      void limiter.acquire().then((release) => {
        order.push(name);
        release();
      });
    }
    expect(limiter.waiting).toBe(3);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(limiter.waiting).toBe(0);
  });

  it('an aborted waiter leaves without a slot and rejects with the signal reason', async () => {
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1_000 });
    (await limiter.acquire())();
    const controller = new AbortController();
    const aborted = limiter.acquire({ signal: controller.signal });
    const next = grantTimes(limiter, 1);
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    await vi.advanceTimersByTimeAsync(1_000);
    // The next caller got the slot the aborted one would have taken.
    expect(next).toEqual([1_000]);
    expect(limiter.waiting).toBe(0);
  });

  it('rejects an already aborted signal without taking a slot', async () => {
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1_000 });
    await expect(limiter.acquire({ signal: AbortSignal.abort(new Error('early')) })).rejects.toThrow('early');
    expect(grantTimes(limiter, 1)).toEqual([]);
    await vi.advanceTimersByTimeAsync(0);
  });

  it('refuses with retryAfterMs when the wait would exceed maxWaitMs', async () => {
    const limiter = createRateLimiter({ requests: 2, intervalMs: 1_000 });
    (await limiter.acquire())();
    (await limiter.acquire())();
    grantTimes(limiter, 2); // wait until 1 000
    await vi.advanceTimersByTimeAsync(200);
    const refused = limiter.acquire({ maxWaitMs: 1_000 });
    await expect(refused).rejects.toBeInstanceOf(RateLimitedError);
    await expect(refused).rejects.toMatchObject({ retryAfterMs: 1_800 });
    // Within patience: queued, granted at 2 000.
    const within = limiter.acquire({ maxWaitMs: 1_800 });
    await vi.advanceTimersByTimeAsync(1_800);
    await expect(within).resolves.toBeTypeOf('function');
    expect(Date.now() - 1_000_000).toBe(2_000);
  });

  it('refuses once maxQueue callers wait', async () => {
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1_000 }, { maxQueue: 2 });
    (await limiter.acquire())();
    grantTimes(limiter, 2);
    await expect(limiter.acquire()).rejects.toMatchObject({ name: 'RateLimitedError', retryAfterMs: 3_000 });
    expect(limiter.waiting).toBe(2);
    await vi.advanceTimersByTimeAsync(3_000);
  });

  it('holds a slot while its request is in flight, and a window after it is released', async () => {
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1_000 });
    const release = await limiter.acquire();
    const next = grantTimes(limiter, 1);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(next).toEqual([]);
    release();
    release(); // twice changes nothing
    await vi.advanceTimersByTimeAsync(999);
    expect(next).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(next).toEqual([6_000]);
  });

  it('estimates the wait of a request in flight as if it were answered now', async () => {
    const limiter = createRateLimiter({ requests: 1, intervalMs: 1_000 });
    await limiter.acquire();
    await expect(limiter.acquire({ maxWaitMs: 500 })).rejects.toMatchObject({ retryAfterMs: 1_000 });
  });

  it.each([
    [{ requests: 0, intervalMs: 1_000 }, /requests/],
    [{ requests: 1.5, intervalMs: 1_000 }, /requests/],
    [{ requests: 1, intervalMs: 0 }, /intervalMs/],
    [{ requests: 1, intervalMs: Infinity }, /intervalMs/],
  ])('rejects the budget %o', (limit, message) => {
    expect(() => createRateLimiter(limit)).toThrow(message);
  });
});
