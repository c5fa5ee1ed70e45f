import { createClient } from 'redis';
import { describe, expectTypeOf, it } from 'vitest';
import type { GatewayStore } from '../../../src/server/gateway/GatewayStore.js';
import { createRedisStore, type RedisStoreOptions } from '../../../src/server-redis.js';

describe('createRedisStore types', () => {
  it('takes any node-redis v5 client, whatever its protocol or type mapping', () => {
    createRedisStore({ client: createClient() });
    createRedisStore({ client: createClient({ RESP: 3 }) });
    createRedisStore({ client: createClient({ url: 'redis://localhost', database: 2 }), prefix: 'app' });
  });

  it('answers a GatewayStore', () => {
    expectTypeOf(createRedisStore({ url: 'redis://localhost' })).toEqualTypeOf<GatewayStore>();
  });

  it('refuses what is not a client, and a non-string url', () => {
    // @ts-expect-error: not a Redis client
    createRedisStore({ client: { get: () => undefined } });
    // @ts-expect-error: a URL is a string
    createRedisStore({ url: new URL('redis://localhost') });
    expectTypeOf<RedisStoreOptions['prefix']>().toEqualTypeOf<string | undefined>();
  });
});
