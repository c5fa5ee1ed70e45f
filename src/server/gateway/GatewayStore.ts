/**
 * What the gateway shares between proxy instances, reduced to four primitives that an in-process map
 * and a Redis server both answer atomically. Sharing is a store question, not a routing one: the proxy
 * only asks these, so every sharing behaviour can be tested against both stores.
 *
 * Keys are built by the gateway (`prefix : tokenHash : partition : kind : …`); a store never sees the
 * token, only a keyed hash of it. Values are whole strings: a result is written with one `set`, so a
 * reader sees all of it or nothing, never a half-written entry.
 */
export interface GatewayStore {
  /** `'memory'` (this process only) or `'redis'` (every instance on the same server and prefix). */
  readonly kind: 'memory' | 'redis';
  /**
   * Sets `key` to `value` for `ttlMs` only when it is absent. `true` when this call set it: the caller
   * won the claim. Atomic across every instance sharing the store (`SET NX PX`).
   */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Sets `key` to `value` for `ttlMs`, replacing what was there. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** The value of `key`, or `undefined` when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Removes `key`. Removing an absent key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * One slot of a sliding-window budget: when fewer than `limit` slots under `key` are held within the
   * last `windowMs`, records one and answers `{ ok: true, slot }`; otherwise records nothing and
   * answers `{ ok: false, retryInMs }`, the time until the oldest held slot leaves the window.
   *
   * A new slot counts as held until `now + holdMs` (the longest a request may take), and
   * {@link restampSlot} moves it to the moment the answer began, so that latency can never put more
   * than `limit` arrivals into one of Omni's windows. Times come from one clock for every instance
   * (Redis's `TIME` for the Redis store), never from each process's own.
   */
  takeSlot(
    key: string,
    limit: number,
    windowMs: number,
    holdMs: number,
  ): Promise<{ ok: true; slot: string } | { ok: false; retryInMs: number }>;
  /** Marks a slot taken by {@link takeSlot} as counted from now: call it when the answer began. */
  restampSlot(key: string, slot: string): Promise<void>;
  /** Ends a connection the store opened itself; a store given an app's client leaves it open. */
  close(): Promise<void>;
}
