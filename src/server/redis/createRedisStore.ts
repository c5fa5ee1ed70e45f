import { ClientClosedError, ClientOfflineError, createClient, TimeoutError } from 'redis';
import type { GatewayStore } from '../gateway/GatewayStore.js';
import { RedisStoreError } from './RedisStoreError.js';
import { RESTAMP_SLOT_SCRIPT, TAKE_SLOT_SCRIPT } from './slidingWindowScripts.js';

/**
 * The part of a node-redis v5 client (`createClient()` from `redis`) the store uses. Any connected
 * client from `createClient` fits; a cluster client does not (the store's keys are not hash-tagged).
 */
export interface RedisStoreClient {
  sendCommand(args: readonly string[], options?: { timeout?: number }): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
}

/** Options of {@link createRedisStore}: exactly one of `url` and `client`. */
export interface RedisStoreOptions {
  /**
   * A Redis URL (`redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS). The store opens
   * the connection and owns it: {@link GatewayStore.close} ends it. It reconnects by itself after a
   * drop, retrying every 50 ms to 500 ms, never giving up. Empty when `client` is given.
   */
  url?: string;
  /**
   * A node-redis v5 client the app already has; connect it yourself (a call made before it is
   * connected rejects with reason `closed`). The store never closes it, and its own reconnect settings
   * apply: give it a short, bounded `socket.reconnectStrategy` so the store serves again soon after an
   * outage. The store adds an `'error'` listener while open (so a dropped connection never crashes
   * the process) and removes it on close. Empty when `url` is given.
   */
  client?: RedisStoreClient;
  /**
   * Every key is written as `${prefix}:${key}`. Proxies share what they store, and their budget, exactly
   * when they use the same Redis server, database and prefix. Not empty. Default: `'omni-query-hooks'`.
   */
  prefix?: string;
  /**
   * Longest a store call waits for Redis, in ms, including a wait for the connection to come back; past
   * it the call rejects with a {@link RedisStoreError} of reason `timeout`. Default: 2000.
   */
  timeoutMs?: number;
}

/** The prefix used when {@link RedisStoreOptions.prefix} is not given. */
export const DEFAULT_REDIS_STORE_PREFIX = 'omni-query-hooks';
/** The call timeout used when {@link RedisStoreOptions.timeoutMs} is not given, in ms. */
export const DEFAULT_REDIS_STORE_TIMEOUT_MS = 2_000;

// A short, bounded backoff: after an outage the store serves again within half a second of Redis being
// back, rather than after a long circuit-breaker pause.
const reconnectDelayMs = (retries: number) => Math.min(50 * 2 ** retries, 500);

// Web Crypto, not node:crypto: the library build targets the browser and would empty a node: import.
const sha1Hex = async (text: string) =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
let scriptShas: Promise<{ takeSlot: string; restampSlot: string }> | undefined;
const shas = () =>
  (scriptShas ??= Promise.all([sha1Hex(TAKE_SLOT_SCRIPT), sha1Hex(RESTAMP_SLOT_SCRIPT)]).then(([takeSlot, restampSlot]) => ({
    takeSlot,
    restampSlot,
  })));

const text = (reply: unknown): string => (typeof reply === 'string' ? reply : String(reply));

/**
 * A {@link GatewayStore} on a Redis server (5 or later), for several proxy instances that share runs,
 * results and their Omni key's budget. Pass it as `createOmniProxy({ ..., store })`.
 *
 * - `setIfAbsent` is `SET NX PX`, atomic across instances; values are whole strings, written at once.
 * - The budget (`takeSlot`, `restampSlot`) is a sliding-window log in a sorted set, kept by one Lua
 *   script per call and timed by Redis's own clock, so no window of `windowMs` ever holds more than
 *   `limit` slots counted over every instance.
 * - Faults: every call settles within about `timeoutMs`. When Redis is unreachable it rejects with a
 *   {@link RedisStoreError} (the proxy answers 503 with `Retry-After` and reports it to `onError` with
 *   stage `'store'`); a command that was not yet sent is dropped, never run later. Connection errors
 *   never reach the process as an unhandled `'error'` event. Once Redis is back, calls succeed again
 *   as soon as the client has reconnected (within half a second with a `url`).
 *
 * The store holds only what the gateway gives it (job ids, results, counters under hashed keys), never
 * the token.
 *
 * @throws TypeError when neither or both of `url` and `client` are given, or `prefix` or `timeoutMs` is unusable.
 */
export function createRedisStore(options: RedisStoreOptions): GatewayStore {
  const { url, client: appClient } = options;
  if ((url === undefined) === (appClient === undefined)) {
    throw new TypeError('createRedisStore: give exactly one of `url` and `client`.');
  }
  if (url !== undefined && (typeof url !== 'string' || url.trim() === '')) {
    throw new TypeError('createRedisStore: `url` must be a redis:// or rediss:// URL.');
  }
  const prefix = options.prefix ?? DEFAULT_REDIS_STORE_PREFIX;
  if (typeof prefix !== 'string' || prefix === '') throw new TypeError('createRedisStore: `prefix` must not be empty.');
  const timeoutMs = options.timeoutMs ?? DEFAULT_REDIS_STORE_TIMEOUT_MS;
  if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
    throw new TypeError('createRedisStore: `timeoutMs` must be a positive number of ms.');
  }

  const ownClient =
    url === undefined
      ? undefined
      : createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: reconnectDelayMs } });
  const client: RedisStoreClient = ownClient ?? appClient!;
  // Without a listener, an 'error' event (every failed reconnect emits one) would end the process. The
  // errors themselves reach callers as rejected calls, so the listener has nothing more to do.
  const ignoreConnectionError = () => undefined;
  client.on('error', ignoreConnectionError);
  // Resolves once connected; until then (and during reconnects) commands wait in the client's offline
  // queue for at most `timeoutMs`. A failed first attempt is retried by the reconnect strategy.
  ownClient?.connect().catch(() => undefined);

  let closing: Promise<void> | undefined;
  const key = (name: string) => `${prefix}:${name}`;

  /** Sends one command; settles within `timeoutMs` whatever Redis does, with a RedisStoreError on failure. */
  const send = (operation: string, args: readonly string[]): Promise<unknown> => {
    if (closing !== undefined) return Promise.reject(new RedisStoreError(operation, 'closed', 'the store is closed.'));
    return new Promise((resolve, reject) => {
      // The client's `timeout` drops a command still waiting to be sent (offline, reconnecting); this
      // timer also covers one that was sent and never answered (a stalled server).
      const timer = setTimeout(
        () => reject(new RedisStoreError(operation, 'timeout', `Redis did not answer within ${timeoutMs} ms.`)),
        timeoutMs,
      );
      client.sendCommand(args, { timeout: timeoutMs }).then(
        (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(toStoreError(operation, error, timeoutMs));
        },
      );
    });
  };

  /** Runs a script by its SHA1, loading it with EVAL the first time a server has not seen it. */
  const script = async (operation: 'takeSlot' | 'restampSlot', source: string, keys: string[], args: string[]) => {
    const rest = [String(keys.length), ...keys, ...args];
    const sha = (await shas())[operation];
    try {
      return await send(operation, ['EVALSHA', sha, ...rest]);
    } catch (error) {
      // NOSCRIPT means nothing ran: a new or restarted server, or SCRIPT FLUSH. Safe to send it whole.
      if (!(error instanceof RedisStoreError && /NOSCRIPT/.test(String((error.cause as Error | undefined)?.message)))) {
        throw error;
      }
      return send(operation, ['EVAL', source, ...rest]);
    }
  };

  return {
    kind: 'redis',
    async setIfAbsent(name, value, ttlMs) {
      const reply = await send('setIfAbsent', ['SET', key(name), value, 'PX', String(ttlOf(ttlMs)), 'NX']);
      return reply !== null;
    },
    async set(name, value, ttlMs) {
      await send('set', ['SET', key(name), value, 'PX', String(ttlOf(ttlMs))]);
    },
    async get(name) {
      const reply = await send('get', ['GET', key(name)]);
      return reply === null || reply === undefined ? undefined : text(reply);
    },
    async delete(name) {
      await send('delete', ['DEL', key(name)]);
    },
    async takeSlot(name, limit, windowMs, holdMs) {
      const reply = (await script(
        'takeSlot',
        TAKE_SLOT_SCRIPT,
        [key(name)],
        [String(limit), String(windowMs), String(Math.max(0, holdMs)), crypto.randomUUID()],
      )) as [number, unknown];
      return reply[0] === 1 ? { ok: true, slot: text(reply[1]) } : { ok: false, retryInMs: Number(reply[1]) };
    },
    async restampSlot(name, slot) {
      await script('restampSlot', RESTAMP_SLOT_SCRIPT, [key(name)], [slot]);
    },
    close() {
      closing ??= (async () => {
        if (ownClient === undefined) {
          client.off('error', ignoreConnectionError);
          return;
        }
        // `close()` waits for commands under way, which a dead server never answers: bound it.
        let timer: ReturnType<typeof setTimeout> | undefined;
        const gaveUp = await Promise.race([
          ownClient.close().then(
            () => false,
            () => true,
          ),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
        ]);
        clearTimeout(timer);
        if (gaveUp) {
          try {
            ownClient.destroy();
          } catch {
            // already closed
          }
        }
      })();
      return closing;
    },
  };
}

/** Redis refuses `PX 0`; a TTL under one ms is one ms. */
const ttlOf = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));

function toStoreError(operation: string, error: unknown, timeoutMs: number): RedisStoreError {
  if (error instanceof TimeoutError) {
    return new RedisStoreError(operation, 'timeout', `Redis did not answer within ${timeoutMs} ms.`, error);
  }
  if (error instanceof ClientClosedError || error instanceof ClientOfflineError) {
    return new RedisStoreError(operation, 'closed', 'the Redis client is not connected.', error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new RedisStoreError(operation, 'redis', message, error);
}
