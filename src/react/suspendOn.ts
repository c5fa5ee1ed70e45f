import type { QueryClient } from '@tanstack/react-query';

const inFlight = new WeakMap<QueryClient, Map<string, Promise<void>>>();

/**
 * The promise a suspending hook throws for `key`: one per key and QueryClient until it settles, so
 * that the renders of suspended components share one wait instead of starting one each. It never
 * rejects: the failure is in the cache entries, which the next render reads and throws.
 */
export function suspendOn(queryClient: QueryClient, key: string, start: () => Promise<unknown>): Promise<void> {
  let byKey = inFlight.get(queryClient);
  if (byKey === undefined) {
    byKey = new Map();
    inFlight.set(queryClient, byKey);
  }
  const known = byKey.get(key);
  if (known !== undefined) return known;
  const settled = start().then(
    () => undefined,
    () => undefined,
  );
  const promise = settled.finally(() => byKey.delete(key));
  byKey.set(key, promise);
  return promise;
}
