import { LRUCache } from 'lru-cache';
import type { GatewayStore } from './GatewayStore.js';

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Most bytes the store holds, counted as the UTF-16 length of each key plus its value (the size a
   * JavaScript string has). When full, the least recently used entries go first. An entry larger than
   * this on its own is refused: `set` rejects with a `RangeError`. Default: 67108864 (64 MiB).
   */
  maxBytes?: number;
}

/** Default of {@link MemoryStoreOptions.maxBytes}: 64 MiB. */
export const DEFAULT_MEMORY_STORE_BYTES = 64 * 1024 * 1024;

/**
 * A {@link GatewayStore} in this process: what several browsers behind one proxy share. Bounded in
 * bytes by an LRU (`lru-cache`), every entry with its own TTL. Each method runs to completion before
 * another can start (one event loop), so `setIfAbsent` and `takeSlot` are atomic without locks.
 * Time is `Date.now()`, so fake timers drive TTLs and slots in tests.
 *
 * @throws TypeError when `maxBytes` is not a positive integer.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): GatewayStore {
  const maxBytes = options.maxBytes ?? DEFAULT_MEMORY_STORE_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new TypeError('createMemoryStore: `maxBytes` must be a positive integer.');
  }
  const entries = new LRUCache<string, string>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) => Math.max(1, key.length + value.length),
    // The same clock as the proxy's limiter and timers (lru-cache defaults to performance.now).
    perf: { now: () => Date.now() },
  });
  // Slots are not evictable: losing one would let a request through past the budget.
  const slots = new Map<string, { id: string; at: number }[]>();
  let nextSlot = 0;

  const write = (key: string, value: string, ttlMs: number): void => {
    if (key.length + value.length > maxBytes) {
      throw new RangeError(`The memory store holds at most ${maxBytes} bytes; this entry is larger.`);
    }
    entries.set(key, value, { ttl: Math.max(1, Math.ceil(ttlMs)) });
  };

  /** The slots of `key` still inside the window, oldest first; forgets the rest. */
  const held = (key: string, windowMs: number, now: number) => {
    const live = (slots.get(key) ?? []).filter((slot) => slot.at + windowMs > now);
    if (live.length === 0) slots.delete(key);
    else slots.set(key, live);
    return live;
  };

  return {
    kind: 'memory',
    async setIfAbsent(key, value, ttlMs) {
      if (entries.has(key)) return false;
      write(key, value, ttlMs);
      return true;
    },
    async set(key, value, ttlMs) {
      write(key, value, ttlMs);
    },
    async get(key) {
      return entries.get(key);
    },
    async delete(key) {
      entries.delete(key);
    },
    async takeSlot(key, limit, windowMs, holdMs) {
      const now = Date.now();
      const live = held(key, windowMs, now);
      if (live.length >= limit) {
        const oldest = Math.min(...live.map((slot) => slot.at));
        return { ok: false, retryInMs: Math.max(1, oldest + windowMs - now) };
      }
      const slot = { id: String((nextSlot += 1)), at: now + holdMs };
      live.push(slot);
      slots.set(key, live);
      return { ok: true, slot: slot.id };
    },
    async restampSlot(key, slot) {
      const found = slots.get(key)?.find((candidate) => candidate.id === slot);
      if (found !== undefined) found.at = Math.min(found.at, Date.now());
    },
    async close() {
      entries.clear();
      slots.clear();
    },
  };
}
