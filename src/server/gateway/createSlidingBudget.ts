import { RateLimitedError, type AcquireOptions, type ReleaseSlot } from '../../budget/createRateLimiter.js';
import type { ResolvedProxyRateLimit } from '../resolveProxyOptions.js';
import type { GatewayStore } from './GatewayStore.js';
import type { ProxyBudget } from './ProxyBudget.js';

/**
 * The key's budget kept in a gateway store, so that every instance using the store counts against
 * one sliding window (`takeSlot`). A request that finds the window full sleeps until the oldest slot
 * leaves it and asks again, for at most `maxWaitMs`; at most `maxQueue` requests of this instance
 * sleep at once. Beyond either it is refused with a `RateLimitedError` (the proxy's 429).
 *
 * Unlike the in-process limiter, waiting requests are not strictly first come, first served across
 * instances: each asks the store when its sleep ends. No window ever holds more than `requests`.
 *
 * @param holdMs how long a slot may stay in flight before its answer began (the proxy's timeout).
 * @param onRestampError told when a slot could not be restamped (it then stays counted until its hold ends: safe).
 */
export function createSlidingBudget(
  store: GatewayStore,
  limit: ResolvedProxyRateLimit,
  holdMs: number,
  onRestampError: (error: unknown) => void,
): ProxyBudget {
  let sleeping = 0;
  return {
    async acquire(key: string, { signal, maxWaitMs }: AcquireOptions): Promise<ReleaseSlot> {
      const deadline = Date.now() + (maxWaitMs ?? limit.maxWaitMs);
      for (;;) {
        if (signal?.aborted) throw signal.reason;
        const answer = await store.takeSlot(key, limit.requests, limit.intervalMs, holdMs);
        if (answer.ok) {
          let released = false;
          return () => {
            if (released) return;
            released = true;
            store.restampSlot(key, answer.slot).catch(onRestampError);
          };
        }
        const wait = answer.retryInMs;
        if (Date.now() + wait > deadline) {
          throw new RateLimitedError(`The request budget frees a slot only in ${wait} ms`, wait);
        }
        if (sleeping >= limit.maxQueue) {
          throw new RateLimitedError('Too many requests are waiting for the request budget', wait);
        }
        sleeping += 1;
        try {
          await sleep(wait, signal);
        } finally {
          sleeping -= 1;
        }
      }
    },
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
