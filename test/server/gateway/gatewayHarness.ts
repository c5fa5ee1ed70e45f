import { randomUUID } from 'node:crypto';
import { afterAll, afterEach } from 'vitest';
import { createRedisStore } from '../../../src/server-redis.js';
import { startRedisServer, type RedisServer } from '../../support/redisServer.js';
import { createMemoryStore, createOmniProxy, type GatewayStore, type OmniProxyOptions } from '../../../src/server.js';
import { parseWaitBody } from '../../../src/wire/createWaitBodyParser.js';
import type { RunResponse } from '../../../src/wire/createWaitBodyParser.js';
import { BASE_PATH, OMNI, SERVER_TOKEN, appUrl, jobIdsQuery } from '../omniUpstream.js';
import type { StandInOmni } from './standInOmni.js';

/**
 * The stores every sharing test runs against. Each factory gives a fresh, empty store; two proxies
 * built over the same store object stand for two instances sharing it. For Redis that is one
 * connection; test/server/redis runs the store contract over two.
 */
let redis: Promise<RedisServer> | undefined;
afterAll(async () => {
  await (await redis)?.stop();
});
const stores: [name: string, create: () => GatewayStore | Promise<GatewayStore>][] = [
  ['memory', () => createMemoryStore()],
  // A redis-server of this test file's own, started on first use; a fresh prefix per store.
  ['redis', async () => createRedisStore({ url: (await (redis ??= startRedisServer())).url, prefix: `gateway-${randomUUID()}` })],
];

const opened: GatewayStore[] = [];
/** {@link stores}, each store closed after its test. */
export const storeFactories = stores.map(([name, create]) => [
  name,
  async () => {
    const store = await create();
    opened.push(store);
    return store;
  },
]) as [name: string, create: () => Promise<GatewayStore>][];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** A proxy in front of the stand-in Omni, over `store`. */
export function proxyOver(omni: StandInOmni, store: GatewayStore | undefined, options: Partial<OmniProxyOptions> = {}) {
  return createOmniProxy({
    baseUrl: OMNI,
    token: SERVER_TOKEN,
    basePath: BASE_PATH,
    // A fetch of its own makes each proxy its own instance, as in another process: proxies with the same
    // options and the same fetch share one process-wide state.
    fetch: (input, init) => omni.fetch(input, init),
    ...(store === undefined ? {} : { store }),
    ...options,
  });
}

/** A query as the browser client sends it. */
export function query(name: string, extra: Record<string, unknown> = {}) {
  return { query: { modelId: 'm-1', table: 'order_items', fields: [`order_items.${name}`] }, ...extra };
}

/** `POST /query/run` as the browser client sends it. */
export function runRequest(body: unknown, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Request {
  return new Request(appUrl('/api/v1/query/run'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(body),
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
}

/** `GET /query/wait` as the browser client sends it. */
export function waitRequest(ids: readonly string[], init: { headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  return new Request(appUrl(`/api/v1/query/wait${jobIdsQuery(ids)}`), {
    headers: init.headers ?? {},
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
}

/** A run or wait answer read the way the browser client reads it, with how the gateway served it. */
export async function read(response: Response): Promise<RunResponse & { status: number; cache: string | null }> {
  const text = await response.text();
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${text}`);
  return { ...parseWaitBody(text), status: response.status, cache: response.headers.get('x-omni-proxy-cache') };
}

/**
 * `store` with some methods replaced. Every method is bound to the store, so this works for a store
 * whose methods live on a class prototype (a spread would lose them).
 */
export function wrapStore(store: GatewayStore, overrides: Partial<GatewayStore>): GatewayStore {
  return {
    kind: store.kind,
    setIfAbsent: store.setIfAbsent.bind(store),
    set: store.set.bind(store),
    get: store.get.bind(store),
    delete: store.delete.bind(store),
    takeSlot: store.takeSlot.bind(store),
    restampSlot: store.restampSlot.bind(store),
    close: store.close.bind(store),
    ...overrides,
  };
}
