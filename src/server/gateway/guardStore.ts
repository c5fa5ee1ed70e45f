import type { GatewayStore } from './GatewayStore.js';
import { StoreFault } from './StoreFault.js';

/** Longest a store call may take before the request that needs it is answered 503. */
export const STORE_TIMEOUT_MS = 3_000;

/**
 * The store with every call bounded in time and every failure turned into a {@link StoreFault}, so
 * that an unreachable store makes requests fail fast rather than hang. There is no circuit breaker:
 * each call tries the store again, so service resumes as soon as the store answers.
 */
export function guardStore(store: GatewayStore, timeoutMs = STORE_TIMEOUT_MS): GatewayStore {
  const guard = <T>(what: string, call: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new StoreFault(`The gateway store did not answer ${what} within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      let pending: Promise<T>;
      try {
        pending = call();
      } catch (error) {
        pending = Promise.reject(error);
      }
      pending.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof StoreFault ? error : new StoreFault(`The gateway store failed on ${what}.`, { cause: error }));
        },
      );
    });
  return {
    kind: store.kind,
    setIfAbsent: (key, value, ttlMs) => guard('setIfAbsent', () => store.setIfAbsent(key, value, ttlMs)),
    set: (key, value, ttlMs) => guard('set', () => store.set(key, value, ttlMs)),
    get: (key) => guard('get', () => store.get(key)),
    delete: (key) => guard('delete', () => store.delete(key)),
    takeSlot: (key, limit, windowMs, holdMs) => guard('takeSlot', () => store.takeSlot(key, limit, windowMs, holdMs)),
    restampSlot: (key, slot) => guard('restampSlot', () => store.restampSlot(key, slot)),
    close: () => store.close(),
  };
}
