/**
 * Many viewers, one key, measured: V viewers open the same 10-tile dashboard at once, through P proxy
 * instances that share one Omni key, each instance budgeted at the key's limit. A stand-in Omni
 * (bench/gatewayOmni.ts) enforces that limit over a strict sliding window per key and answers 429
 * beyond it; its jobs take a moment to finish, so viewers wait. Sharing off (`share: false`, the proxy
 * as it was before the gateway) and on (the gateway: shared runs, results and waits; with P = 2 a Redis
 * store, so the budget is shared too) run side by side.
 *
 * Each viewer is a browser: its own QueryClient and `createOmniClient` (its own budget off, so that only
 * the proxy keeps the key), loading every tile with `omniQueryOptions`, the library's real run, wait and
 * retry logic. Its `fetch` hands a `Request` to the proxy handler in process.
 *
 * Prints per case: requests that reached Omni (runs, waits), Omni's 429s, failed tiles, and the time to
 * the last viewer as a ratio to one viewer's time (V = 1, P = 1, same sharing; the median of three).
 * All viewers share this one process, so their own work (runs, waits, decoding every tile) is serialised
 * here as it is not in real browsers: a floor per V (the same viewers straight to an Omni without a
 * limit, no proxy) says what that costs, and the ratio to max(one viewer, floor) is what the proxy adds.
 * Targets with sharing on: upstream runs = distinct queries (10), 0 × 429, the last of 100 viewers
 * within 2× one viewer's time (judged against max(one viewer, floor), see above).
 *
 *   npm run bench:gateway                   the full grid (about 7 minutes: sharing off is slow by
 *                                           nature); exits non-zero when a target with sharing on is missed
 *   npm run bench:gateway -- --sharing=on   one side only (also --sharing=off)
 *   npm run bench:gateway -- --quick        tiny sizes, a smoke run for CI: prints, judges no ratio,
 *                                           exits non-zero only if a tile failed
 */
import { randomUUID } from 'node:crypto';
import { QueryClient } from '@tanstack/react-query';
import { createOmniClient } from '../src/client/createOmniClient.js';
import { omniQueryOptions } from '../src/query/omniQueryOptions.js';
import type { GatewayStore } from '../src/server/gateway/GatewayStore.js';
import { createOmniProxy, type OmniProxyHandler, type OmniProxyOptions } from '../src/server.js';
import { createRedisStore } from '../src/server-redis.js';
import { startRedisServer, type RedisServer } from '../test/support/redisServer.js';
import { createStandInOmni } from './gatewayOmni.js';

const quick = process.argv.includes('--quick');
/** `--sharing=on` or `--sharing=off` runs one side only; both by default. */
const sides = (['off', 'on'] as const).filter(
  (side) => !process.argv.some((arg) => arg.startsWith('--sharing=') && arg !== `--sharing=${side}`),
);

/** Omni's 60 a minute, scaled down tenfold in time so the grid stays short. */
const KEY_LIMIT = { requests: 60, intervalMs: 6_000 };
const TILES = quick ? 3 : 10;
const VIEWERS = quick ? [1, 3] : [1, 10, 50, 100];
const INSTANCES = [1, 2];
const JOB_MS = quick ? 100 : 400;
const WAIT_HOLD_MS = 1_000;

const OMNI = 'https://omni.bench';
const APP = 'https://app.bench';
const BASE_PATH = '/api/omni';
const TOKEN = 'omni_osk_BENCH-KEY';

type Sharing = 'off' | 'on';

interface CaseResult {
  sharing: Sharing;
  viewers: number;
  instances: number;
  runs: number;
  waits: number;
  omni429: number;
  failedTiles: number;
  /** `x-omni-proxy-cache` values the viewers saw on run answers; empty when the proxy sends none. */
  cache: Record<string, number>;
  lastViewerMs: number;
}

/** The gateway options of one instance: sharing off, or on (with a Redis store when several instances share the key). */
function sharingOptions(
  sharing: Sharing,
  instances: number,
  redis: RedisServer | undefined,
  prefix: string,
): { options: Pick<OmniProxyOptions, 'share' | 'store'>[]; close: () => Promise<unknown> } {
  const stores: GatewayStore[] = [];
  const options = Array.from({ length: instances }, (): Pick<OmniProxyOptions, 'share' | 'store'> => {
    if (sharing === 'off') return { share: false };
    if (instances === 1) return { share: {} };
    // One connection per instance, as separate processes would have; one prefix, so one budget.
    const store = createRedisStore({ url: redis!.url, prefix });
    stores.push(store);
    return { store, share: {} };
  });
  return { options, close: () => Promise.all(stores.map((store) => store.close())) };
}

const tileQuery = (tile: number) => ({
  modelId: 'bench-model',
  table: 'order_items',
  fields: [`order_items.tile_${tile}`],
  filters: { 'order_items.region': 'EMEA' },
});

/**
 * `viewers` browsers open the dashboard at once, each with its own QueryClient and client (its own budget
 * off, so only the proxy keeps the key) whose `fetch` is `fetchFor(viewer)`. Answers the time until the
 * last viewer had every tile, and how many tiles failed.
 */
async function loadDashboards(viewers: number, baseUrl: string, fetchFor: (viewer: number) => typeof fetch, token?: string) {
  let failedTiles = 0;
  const started = Date.now();
  const finishedAt = await Promise.all(
    Array.from({ length: viewers }, async (_, viewer) => {
      const client = createOmniClient({
        baseUrl,
        rateLimit: false,
        fetch: fetchFor(viewer),
        ...(token === undefined ? {} : { token }),
      });
      const queryClient = new QueryClient();
      const outcomes = await Promise.allSettled(
        Array.from({ length: TILES }, (_, tile) => queryClient.fetchQuery(omniQueryOptions(client, tileQuery(tile)))),
      );
      failedTiles += outcomes.filter((outcome) => outcome.status === 'rejected').length;
      queryClient.clear();
      return Date.now();
    }),
  );
  return { lastViewerMs: Math.max(...finishedAt) - started, failedTiles };
}

/**
 * The same viewers straight to an Omni without a limit, no proxy: what their own work (runs, waits,
 * decoding every tile) costs when all of them share this one process, as real browsers do not.
 */
async function floorMs(viewers: number): Promise<number> {
  const omni = createStandInOmni({
    limit: { requests: Number.MAX_SAFE_INTEGER, intervalMs: 1 },
    jobMs: JOB_MS,
    waitHoldMs: WAIT_HOLD_MS,
  });
  return (await loadDashboards(viewers, OMNI, () => omni.fetch, TOKEN)).lastViewerMs;
}

async function runCase(
  sharing: Sharing,
  viewers: number,
  instances: number,
  redis: RedisServer | undefined,
): Promise<CaseResult> {
  const omni = createStandInOmni({ limit: KEY_LIMIT, jobMs: JOB_MS, waitHoldMs: WAIT_HOLD_MS });
  const gateway = sharingOptions(sharing, instances, redis, `bench-${randomUUID()}`);
  const proxies: OmniProxyHandler[] = gateway.options.map((extra) =>
    createOmniProxy({
      baseUrl: OMNI,
      token: TOKEN,
      basePath: BASE_PATH,
      fetch: omni.fetch,
      // Each instance budgeted at the key's limit, with patience for any queue, so that no tile fails
      // for want of a slot: the cost shows as time, and as Omni's 429s where budgets are not shared.
      rateLimit: { ...KEY_LIMIT, maxQueue: Infinity, maxWaitMs: Infinity },
      ...extra,
    }),
  );
  const cache: Record<string, number> = {};
  const { lastViewerMs, failedTiles } = await loadDashboards(viewers, `${APP}${BASE_PATH}`, (viewer) => async (input, init) => {
    const response = await proxies[viewer % proxies.length]!(new Request(input, init));
    if (String(input).endsWith('/query/run')) {
      const seen = response.headers.get('x-omni-proxy-cache') ?? 'none';
      cache[seen] = (cache[seen] ?? 0) + 1;
    }
    return response;
  });
  await gateway.close();
  return {
    sharing,
    viewers,
    instances,
    runs: omni.counts.runs,
    waits: omni.counts.waits,
    omni429: omni.counts.rateLimited,
    failedTiles,
    cache,
    lastViewerMs,
  };
}

const redis = await startRedisServer();
const results: CaseResult[] = [];
const oneViewerMs: Record<Sharing, number> = { off: 0, on: 0 };
const floor = new Map<number, number>();
try {
  // A first dashboard warms the JIT and module caches; it is not counted.
  await runCase('off', 1, 1, redis);
  for (const viewers of VIEWERS) floor.set(viewers, await floorMs(viewers));
  for (const sharing of sides) {
    // One viewer's time, the denominator of every ratio: the median of a few, since one dashboard is short.
    const alone: number[] = [];
    for (let round = 0; round < (quick ? 1 : 3); round += 1) alone.push((await runCase(sharing, 1, 1, redis)).lastViewerMs);
    oneViewerMs[sharing] = alone.sort((a, b) => a - b)[Math.floor(alone.length / 2)]!;
    for (const instances of INSTANCES) {
      for (const viewers of VIEWERS) {
        const result = await runCase(sharing, viewers, instances, redis);
        results.push(result);
        console.error(`done: sharing ${sharing}, P=${instances}, V=${viewers} in ${(result.lastViewerMs / 1000).toFixed(1)} s`);
      }
    }
  }
} finally {
  await redis.stop();
}

const sharingImplemented = results.some(
  (r) => r.cache.hit !== undefined || r.cache.shared !== undefined || r.cache.miss !== undefined,
);

console.log(
  `\nGateway bench${quick ? ' (--quick: tiny sizes, judges nothing)' : ''}: ${TILES}-tile dashboard, key limit ${KEY_LIMIT.requests} per ${KEY_LIMIT.intervalMs / 1000} s, jobs take ${JOB_MS} ms; Redis store for P = 2 with sharing on. One viewer alone: ${sides.map((side) => `${(oneViewerMs[side] / 1000).toFixed(2)} s with sharing ${side}`).join(', ')}.`,
);
if (!sharingImplemented)
  console.log('Note: this proxy sends no x-omni-proxy-cache header: sharing is not implemented, "on" behaves as "off".');
console.table(
  results.map((r) => ({
    sharing: r.sharing,
    P: r.instances,
    V: r.viewers,
    'upstream runs': r.runs,
    'upstream waits': r.waits,
    "Omni's 429s": r.omni429,
    'failed tiles': r.failedTiles,
    'run answers (x-omni-proxy-cache)': Object.entries(r.cache)
      .map(([value, count]) => `${value} ${count}`)
      .join(', '),
    'last viewer': `${(r.lastViewerMs / 1000).toFixed(2)} s`,
    'ratio to one viewer': (r.lastViewerMs / oneViewerMs[r.sharing]).toFixed(2),
    'floor (same V, no proxy)': `${(floor.get(r.viewers)! / 1000).toFixed(2)} s`,
    'ratio to max(one viewer, floor)': (r.lastViewerMs / Math.max(oneViewerMs[r.sharing], floor.get(r.viewers)!)).toFixed(2),
  })),
);

// Sharing on promises: one upstream run per distinct query, no 429 from Omni, and the last of 100 viewers
// within 2× one viewer's time. --quick judges no ratio, only that every tile arrived.
const missed: string[] = [];
for (const r of results) {
  const name = `sharing ${r.sharing}, P=${r.instances}, V=${r.viewers}`;
  if (quick || r.sharing === 'off') {
    if (quick && r.failedTiles > 0) missed.push(`${name}: ${r.failedTiles} tiles failed`);
    continue;
  }
  if (!sharingImplemented) continue;
  if (r.failedTiles > 0) missed.push(`${name}: ${r.failedTiles} tiles failed`);
  if (r.runs !== TILES) missed.push(`${name}: ${r.runs} upstream runs for ${TILES} distinct queries`);
  if (r.omni429 > 0) missed.push(`${name}: ${r.omni429} × 429 from Omni`);
  // In one process the viewers' own work is serialised, which real browsers' is not: the floor says
  // what that costs, and the proxy is judged on what it adds beyond it.
  const reference = Math.max(oneViewerMs.on, floor.get(r.viewers)!);
  if (r.viewers === 100 && r.lastViewerMs > 2 * reference) {
    missed.push(`${name}: the last viewer took ${(r.lastViewerMs / reference).toFixed(2)}× max(one viewer, floor) (target 2×)`);
  }
}
if (missed.length > 0) console.error(`bench:gateway: targets missed:\n- ${missed.join('\n- ')}`);
else if (quick) console.log('--quick: every tile arrived; ratios printed, not judged');
else if (!sides.includes('on') || !sharingImplemented) console.log('bench:gateway: no sharing to judge');
else console.log('bench:gateway: every target with sharing on met');
// The proxies' budget timers would keep the process alive for a window; the numbers are out.
process.exit(missed.length > 0 ? 1 : 0);
