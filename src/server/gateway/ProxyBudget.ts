import type { AcquireOptions, ReleaseSlot } from '../../budget/createRateLimiter.js';

/**
 * The key's request budget as the proxy sees it: one slot per request forwarded to Omni. `key` names
 * the budget (per token hash), so a store-backed budget is shared by every instance using the store.
 */
export interface ProxyBudget {
  /**
   * Resolves when the request may be sent, with the function to call once its answer began.
   * @throws (rejects) a `RateLimitedError` when the queue is full or the wait would pass `maxWaitMs`,
   *   the signal's reason when aborted while waiting, a `StoreFault` when the store failed.
   */
  acquire(key: string, options: AcquireOptions): Promise<ReleaseSlot>;
}
