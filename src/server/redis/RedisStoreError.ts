/**
 * Why a Redis store call failed:
 * - `timeout`: Redis did not answer within the store's `timeoutMs` (unreachable, reconnecting, or stalled).
 *   A command still waiting to be sent is dropped, so it never runs later; one already sent may have run.
 * - `closed`: the store was closed, or the app's client is not connected.
 * - `redis`: Redis answered with an error, or the connection broke while the command was under way.
 */
export type RedisStoreErrorReason = 'timeout' | 'closed' | 'redis';

/**
 * What every call of a store from `createRedisStore` rejects with. The message names the operation and
 * the reason, never a key, a value or the URL (which may hold a password); the client's own error, when
 * there is one, is the `cause`.
 */
export class RedisStoreError extends Error {
  override readonly name = 'RedisStoreError';
  /** Why the call failed. Always set. */
  readonly reason: RedisStoreErrorReason;
  /** The store method that failed, e.g. `'takeSlot'`. Always set. */
  readonly operation: string;

  constructor(operation: string, reason: RedisStoreErrorReason, message: string, cause?: unknown) {
    super(`Redis store ${operation}: ${message}`, cause === undefined ? undefined : { cause });
    this.operation = operation;
    this.reason = reason;
  }
}
