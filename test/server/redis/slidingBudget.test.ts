import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayStore } from '../../../src/server/gateway/GatewayStore.js';
import { createRedisStore } from '../../../src/server-redis.js';
import { startRedisServer, type RedisServer } from '../../support/redisServer.js';

// The budget across proxy instances, checked by Redis's own clock: the store's slot ids begin with the
// moment they were granted, in µs by Redis `TIME` (see slidingWindowScripts.ts), so no process clock and
// no fake timer enters the check.

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

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const grantedAtMicros = (slot: string) => Number(slot.split(':')[0]);

/** Most grants that fall within any half-open window of `windowMs`. */
function busiestWindow(grantsMicros: number[], windowMs: number): number {
  const sorted = [...grantsMicros].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + windowMs * 1000) end += 1;
    most = Math.max(most, end - start);
  }
  return most;
}

/**
 * Workers on both stores take slots as fast as the budget lets them until `total` are granted; a refused
 * worker sleeps a random part of the wait it was told, so requests keep arriving at every point of the
 * window, its boundaries included.
 */
async function hammer(stores: GatewayStore[], key: string, limit: number, windowMs: number, total: number) {
  const grants: number[] = [];
  let refusals = 0;
  const worker = async (store: GatewayStore) => {
    while (grants.length < total) {
      const answer = await store.takeSlot(key, limit, windowMs, 0);
      if (answer.ok) grants.push(grantedAtMicros(answer.slot));
      else {
        refusals += 1;
        expect(answer.retryInMs).toBeGreaterThan(0);
        expect(answer.retryInMs).toBeLessThanOrEqual(windowMs);
        await sleep(Math.random() * Math.min(answer.retryInMs, 40));
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, (_, index) => worker(stores[index % stores.length]!)));
  return { grants, refusals };
}

describe('the sliding-window budget across two proxy instances', () => {
  it('never lets a window of windowMs hold more than `limit` slots, over many windows and their boundaries', async () => {
    const prefix = `budget-${randomUUID()}`;
    const stores = [createRedisStore({ url: redis.url, prefix }), createRedisStore({ url: redis.url, prefix })];
    const limit = 5;
    const windowMs = 300;

    const { grants, refusals } = await hammer(stores, 'key', limit, windowMs, 40);

    expect(busiestWindow(grants, windowMs)).toBe(limit);
    // Eight windows' worth of grants, and the workers were refused along the way: the limit was tested.
    expect(Math.max(...grants) - Math.min(...grants)).toBeGreaterThanOrEqual(((40 - limit) / limit) * windowMs * 1000);
    expect(refusals).toBeGreaterThan(0);
    await Promise.all(stores.map((store) => store.close()));
  }, 30_000);

  it('tells a refused caller when the oldest slot leaves the window, and a slot is free then', async () => {
    const store = createRedisStore({ url: redis.url, prefix: `retry-${randomUUID()}` });
    expect((await store.takeSlot('key', 1, 1_000, 0)).ok).toBe(true);
    const refused = await store.takeSlot('key', 1, 1_000, 0);
    if (refused.ok) throw new Error('a second slot was granted within the window');
    await sleep(refused.retryInMs);
    expect((await store.takeSlot('key', 1, 1_000, 0)).ok).toBe(true);
    await store.close();
  });
});

/**
 * rate-limiter-flexible's RateLimiterRedis, reduced to what matters here: a counter per key that starts a
 * fixed window of `windowMs` at the key's first request (INCR, then PEXPIRE when it was new). Answers
 * whether the request was let through, and when, by Redis's clock.
 */
const FIXED_WINDOW_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
local time = redis.call('TIME')
return {count <= tonumber(ARGV[1]) and 1 or 0, tonumber(time[1]) * 1000000 + tonumber(time[2])}
`;

describe('why not a fixed window (rate-limiter-flexible’s RateLimiterRedis)', () => {
  const limit = 5;
  // Long enough that only a stall of seconds between the two bursts could spoil the demonstration.
  const windowMs = 3_000;

  /**
   * One request opens the window; a burst of `limit` concurrent requests comes just before the window
   * ends (`pttl` says how long it has left) and another as soon as it has ended. Answers the grant times,
   * by Redis's clock, of whatever the limiter let through.
   */
  async function burstAcrossBoundary(take: () => Promise<number | undefined>, pttl: (openedAtMicros: number) => Promise<number>) {
    const grants: number[] = [];
    const burst = async () => {
      for (const granted of await Promise.all(Array.from({ length: limit }, take))) {
        if (granted !== undefined) grants.push(granted);
      }
    };
    const opened = await take();
    if (opened === undefined) throw new Error('the first request was refused');
    grants.push(opened);
    while ((await pttl(opened)) > 300) await sleep(10);
    await burst();
    while ((await pttl(opened)) > 0) await sleep(5);
    await burst();
    return grants;
  }

  it('a fixed-window counter lets almost twice the limit through within one window; the sliding log does not', async () => {
    const fixedKey = `fixed-${randomUUID()}`;
    const fixed = await burstAcrossBoundary(
      async () => {
        const [ok, at] = (await raw.eval(FIXED_WINDOW_SCRIPT, {
          keys: [fixedKey],
          arguments: [String(limit), String(windowMs)],
        })) as [number, number];
        return ok === 1 ? at : undefined;
      },
      () => raw.pTTL(fixedKey),
    );
    // The opener and most of the first burst fill window one, the second burst window two, moments
    // later: almost twice the limit within one window (2 × limit − 1 unless the machine stalled).
    expect(busiestWindow(fixed, windowMs)).toBeGreaterThan(limit);

    const prefix = `sliding-${randomUUID()}`;
    const store = createRedisStore({ url: redis.url, prefix });
    // The same schedule against the store: the bursts come as the window of its first slot ends.
    const sliding = await burstAcrossBoundary(
      async () => {
        const answer = await store.takeSlot('key', limit, windowMs, 0);
        return answer.ok ? grantedAtMicros(answer.slot) : undefined;
      },
      // The time left until the first slot leaves its window, by Redis's clock.
      async (openedAtMicros) => {
        const [seconds, micros] = (await raw.sendCommand(['TIME'])) as [string, string];
        return (openedAtMicros + windowMs * 1000 - (Number(seconds) * 1e6 + Number(micros))) / 1000;
      },
    );
    expect(busiestWindow(sliding, windowMs)).toBeLessThanOrEqual(limit);
    expect(sliding.length).toBeLessThan(fixed.length);
    await store.close();
  }, 20_000);
});
