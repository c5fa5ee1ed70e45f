import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayStore } from '../../../src/server/gateway/GatewayStore.js';
import { createRedisStore, RedisStoreError } from '../../../src/server-redis.js';
import { startRedisServer, type RedisServer } from '../../support/redisServer.js';

// Redis killed mid-use and started again on the same port. Every call must settle (never hang: the
// test's timeout would fail it), reject with a RedisStoreError while Redis is away, and succeed again
// once it is back, without restarting anything. An 'error' event nobody listens to, or an unhandled
// rejection, would fail the run: vitest reports both.

let redis: RedisServer;
beforeEach(async () => {
  redis = await startRedisServer();
});
afterEach(async () => {
  await redis?.stop();
});

const TIMEOUT_MS = 500;

/** Every kind of store call, each answering 'ok' or the error it rejected with. */
const everyCall = (store: GatewayStore) =>
  Promise.all(
    [
      () => store.get('a'),
      () => store.set('a', 'v', 10_000),
      () => store.setIfAbsent('claim', 'v', 10_000),
      () => store.delete('a'),
      () => store.takeSlot('budget', 100, 10_000, 0),
      () => store.restampSlot('budget', 'slot'),
    ].map((call) =>
      call().then(
        () => 'ok' as const,
        (error: unknown) => error,
      ),
    ),
  );

/** Retries `call` until it succeeds; gives up (throws) after `attempts`. */
async function untilItSucceeds<T>(call: () => Promise<T>, attempts = 100): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

interface Opened {
  store: GatewayStore;
  /** The app's client, when the store was given one. */
  client?: ReturnType<typeof createClient>;
}

describe.each<[string, () => Opened]>([
  [
    'a store opened from a URL',
    () => ({ store: createRedisStore({ url: redis.url, prefix: `f-${randomUUID()}`, timeoutMs: TIMEOUT_MS }) }),
  ],
  [
    'a store on an app’s client with a short reconnect strategy and no error listener of its own',
    () => {
      const client = createClient({ url: redis.url, socket: { reconnectStrategy: () => 100 } });
      const store = createRedisStore({ client, prefix: `f-${randomUUID()}`, timeoutMs: TIMEOUT_MS });
      return { store, client };
    },
  ],
])('%s, when Redis goes away and comes back', (_, open) => {
  it('rejects every call while Redis is down, and serves again once it is back', async () => {
    const { store, client } = open();
    await client?.connect();
    expect(await everyCall(store)).toEqual(Array(6).fill('ok'));

    await redis.kill();
    // The first calls may go out before the client noticed, and fail as the socket closes ('redis');
    // later ones wait for the connection and give up after the store's timeout.
    const justAfter = await everyCall(store);
    expect(justAfter.every((outcome) => outcome instanceof RedisStoreError)).toBe(true);
    const whileDown = await everyCall(store);
    expect(whileDown.map((error) => (error as RedisStoreError).reason)).toEqual(Array(6).fill('timeout'));

    await redis.restart();
    await untilItSucceeds(() => store.get('a'));
    expect(await everyCall(store)).toEqual(Array(6).fill('ok'));
    expect(await store.setIfAbsent('after', 'v', 10_000)).toBe(true);

    await store.close();
    await client?.close();
  }, 30_000);

  it('settles calls under way when Redis is killed', async () => {
    const { store, client } = open();
    await client?.connect();
    await store.set('a', 'v', 10_000);
    const underWay = Array.from({ length: 200 }, (_, index) =>
      (index % 2 ? store.get('a') : store.takeSlot('budget', 1_000, 10_000, 0)).then(
        () => 'ok',
        (error: unknown) => error,
      ),
    );
    await redis.kill();
    const outcomes = await Promise.all(underWay);
    // Some may have been answered before the kill; the rest failed with the store's own error.
    expect(outcomes.filter((outcome) => outcome !== 'ok').every((outcome) => outcome instanceof RedisStoreError)).toBe(true);
    await redis.restart();
    await untilItSucceeds(() => store.get('a'));
    await store.close();
    await client?.close();
  }, 30_000);
});

describe('a store opened from a URL while Redis is away', () => {
  it('rejects calls until Redis starts, then serves', async () => {
    await redis.kill();
    const store = createRedisStore({ url: redis.url, timeoutMs: TIMEOUT_MS });
    await expect(store.get('a')).rejects.toMatchObject({ name: 'RedisStoreError', reason: 'timeout', operation: 'get' });
    await redis.restart();
    await untilItSucceeds(() => store.set('a', 'v', 10_000));
    expect(await store.get('a')).toBe('v');
    await store.close();
  }, 30_000);

  it('closes without waiting for Redis', async () => {
    const store = createRedisStore({ url: redis.url, timeoutMs: TIMEOUT_MS });
    await store.set('a', 'v', 10_000);
    await redis.kill();
    const pending = store.get('a').catch((error: unknown) => error);
    await store.close();
    expect(await pending).toBeInstanceOf(RedisStoreError);
    await expect(store.get('a')).rejects.toMatchObject({ reason: 'closed' });
  }, 30_000);
});
