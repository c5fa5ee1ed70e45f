import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createRedisStore } from '../../../src/server-redis.js';
import { startRedisServer, type RedisServer } from '../../support/redisServer.js';
import { describeGatewayStoreContract } from '../gateway/storeContract.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

// Two stores with their own connections and one prefix: two proxy instances on one Redis.
describeGatewayStoreContract('Redis, two connections', async () => {
  const prefix = `contract-${randomUUID()}`;
  const one = createRedisStore({ url: redis.url, prefix });
  const other = createRedisStore({ url: redis.url, prefix });
  return { one, other, close: async () => void (await Promise.all([one.close(), other.close()])) };
});
