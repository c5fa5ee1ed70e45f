import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, DEFAULT_REDIS_STORE_PREFIX, RedisStoreError } from '../../../src/server-redis.js';
import { startRedisServer, type RedisServer } from '../../support/redisServer.js';

let redis: RedisServer;
let raw: ReturnType<typeof createClient>;
beforeAll(async () => {
  redis = await startRedisServer();
  raw = createClient({ url: redis.url });
  await raw.connect();
});
afterAll(async () => {
  await raw?.close();
  await redis?.stop();
});

/** Connections the server has open right now, this test's own raw client included. */
const connections = async () => (await raw.sendCommand<string>(['CLIENT', 'LIST'])).trim().split('\n').length;

/** Polls `read` until it gives `expected` (a closed socket reaches the server a moment later). */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 100 && value !== expected; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

describe('createRedisStore options', () => {
  it('refuses neither or both of url and client, an empty url or prefix, and a bad timeout, with a TypeError', () => {
    expect(() => createRedisStore({})).toThrow(TypeError);
    expect(() => createRedisStore({ url: redis.url, client: raw })).toThrow(/exactly one of `url` and `client`/);
    expect(() => createRedisStore({ url: ' ' })).toThrow(TypeError);
    expect(() => createRedisStore({ client: raw, prefix: '' })).toThrow(/prefix/);
    expect(() => createRedisStore({ client: raw, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createRedisStore({ client: raw, timeoutMs: Infinity })).toThrow(/timeoutMs/);
  });

  it('says it is a Redis store', async () => {
    const store = createRedisStore({ client: raw });
    expect(store.kind).toBe('redis');
    await store.close();
  });
});

describe('keys under the prefix', () => {
  it('writes every key under `omni-query-hooks:` by default', async () => {
    const store = createRedisStore({ client: raw });
    const name = `k-${randomUUID()}`;
    await store.set(name, 'v', 10_000);
    await store.takeSlot(`budget-${name}`, 1, 10_000, 0);
    expect(await raw.get(`${DEFAULT_REDIS_STORE_PREFIX}:${name}`)).toBe('v');
    expect(await raw.exists(`${DEFAULT_REDIS_STORE_PREFIX}:budget-${name}`)).toBe(1);
    expect(await raw.exists(name)).toBe(0);
    await store.close();
  });

  it('shares between stores with the same prefix, and not between different prefixes', async () => {
    const prefix = `p-${randomUUID()}`;
    const a = createRedisStore({ url: redis.url, prefix });
    const b = createRedisStore({ client: raw, prefix });
    const elsewhere = createRedisStore({ client: raw, prefix: `${prefix}-other` });
    await a.set('shared', 'v', 10_000);
    expect(await b.get('shared')).toBe('v');
    expect(await elsewhere.get('shared')).toBeUndefined();
    expect((await a.takeSlot('budget', 1, 10_000, 0)).ok).toBe(true);
    expect((await b.takeSlot('budget', 1, 10_000, 0)).ok).toBe(false);
    expect((await elsewhere.takeSlot('budget', 1, 10_000, 0)).ok).toBe(true);
    expect(await raw.keys(`${prefix}:*`)).toEqual(expect.arrayContaining([`${prefix}:shared`, `${prefix}:budget`]));
    await Promise.all([a.close(), b.close(), elsewhere.close()]);
  });

  it('sets the TTL on the key itself, so Redis forgets it', async () => {
    const prefix = `ttl-${randomUUID()}`;
    const store = createRedisStore({ client: raw, prefix });
    await store.set('a', 'v', 30_000);
    await store.setIfAbsent('b', 'v', 30_000);
    for (const name of ['a', 'b']) {
      const ttl = await raw.pTTL(`${prefix}:${name}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(30_000);
    }
    await store.close();
  });

  it('lets an idle budget key expire by itself', async () => {
    const prefix = `idle-${randomUUID()}`;
    const store = createRedisStore({ client: raw, prefix });
    await store.takeSlot('budget', 5, 1_000, 500);
    const ttl = await raw.pTTL(`${prefix}:budget`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1_502);
    await store.close();
  });

  it('loads its scripts again after the server forgot them (SCRIPT FLUSH)', async () => {
    const store = createRedisStore({ client: raw, prefix: `flush-${randomUUID()}` });
    expect((await store.takeSlot('b', 2, 10_000, 0)).ok).toBe(true);
    await raw.sendCommand(['SCRIPT', 'FLUSH']);
    const again = await store.takeSlot('b', 2, 10_000, 0);
    expect(again.ok).toBe(true);
    if (again.ok) await store.restampSlot('b', again.slot);
    expect((await store.takeSlot('b', 2, 10_000, 0)).ok).toBe(false);
    await store.close();
  });
});

describe('close', () => {
  it('ends the connection a store opened from a URL; later calls reject with reason "closed"', async () => {
    const before = await connections();
    const store = createRedisStore({ url: redis.url });
    await store.set(`c-${randomUUID()}`, 'v', 10_000);
    expect(await connections()).toBe(before + 1);
    await store.close();
    expect(await eventually(connections, before)).toBe(before);
    const error = await store.get('c').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RedisStoreError);
    expect(error).toMatchObject({ reason: 'closed', operation: 'get' });
  });

  it('leaves an app’s client open and working, and takes its error listener away', async () => {
    const client = createClient({ url: redis.url });
    await client.connect();
    const listeners = client.listenerCount('error');
    const store = createRedisStore({ client });
    expect(client.listenerCount('error')).toBe(listeners + 1);
    await store.set(`c-${randomUUID()}`, 'v', 10_000);
    await store.close();
    await store.close();
    expect(client.isOpen).toBe(true);
    expect(await client.ping()).toBe('PONG');
    expect(client.listenerCount('error')).toBe(listeners);
    await client.close();
  });

  it('rejects with reason "closed" when the app’s client is not connected', async () => {
    const client = createClient({ url: redis.url });
    const store = createRedisStore({ client });
    await expect(store.get('x')).rejects.toMatchObject({ name: 'RedisStoreError', reason: 'closed' });
    await store.close();
  });
});
