// The `omni-query-hooks/server/redis` entry: the gateway's Redis store. The only entry that imports
// `redis` (an optional peer dependency), so apps without Redis never load it. Re-exports only.
export { createRedisStore, DEFAULT_REDIS_STORE_PREFIX, DEFAULT_REDIS_STORE_TIMEOUT_MS } from './server/redis/createRedisStore.js';
export type { RedisStoreClient, RedisStoreOptions } from './server/redis/createRedisStore.js';
export { RedisStoreError } from './server/redis/RedisStoreError.js';
export type { RedisStoreErrorReason } from './server/redis/RedisStoreError.js';
export type { GatewayStore } from './server/gateway/GatewayStore.js';
