import { createOmniClient, type OmniClient } from '../../../src/index.js';
import { createMemoryStore, createOmniProxy } from '../../../src/server.js';
import { APP, BASE_PATH, OMNI, SERVER_TOKEN } from '../omniUpstream.js';
import { createStandInOmni } from './standInOmni.js';

/** What one dashboard scenario cost upstream. */
export interface DashboardTraffic {
  viewers: number;
  tiles: number;
  /** Distinct (tenant, query) pairs on the page. */
  distinctQueries: number;
  upstreamRuns: number;
  upstreamWaits: number;
  /** Tiles that saw their job complete. */
  completedTiles: number;
  /** Wall time until the last viewer had every tile, in ms (a stand-in, not a benchmark). */
  lastViewerMs: number;
}

/**
 * `viewers` open the same `tiles`-tile dashboard at once, half of them for tenant `acme`, half for
 * `globex` (two partitions, so `2 × tiles` distinct queries), through two proxy instances over one
 * memory store, against a stand-in Omni whose jobs finish `jobMs` after they were submitted. Each
 * viewer has its own browser client and follows each tile with waits, as the hooks do.
 */
export async function openDashboards(
  share: boolean,
  { viewers = 24, tiles = 8, jobMs = 300 }: { viewers?: number; tiles?: number; jobMs?: number } = {},
): Promise<DashboardTraffic> {
  const omni = createStandInOmni({ finishAfterMs: jobMs });
  const store = createMemoryStore();
  const options = {
    baseUrl: OMNI,
    token: SERVER_TOKEN,
    basePath: BASE_PATH,
    fetch: omni.fetch,
    store,
    rateLimit: false as const,
    partition: (request: Request) => request.headers.get('x-tenant') ?? '',
    ...(share ? {} : { share: false as const }),
  };
  const instances = [createOmniProxy(options), createOmniProxy(options)];
  let completedTiles = 0;
  const started = Date.now();

  const tile = async (client: OmniClient, index: number) => {
    const run = await client.run({ query: { modelId: 'm-1', table: 'order_items', fields: [`order_items.tile_${index}`] } });
    let done = run.jobs.some((job) => job.status === 'COMPLETE');
    let pending = run.remainingJobIds ?? [];
    while (!done && pending.length > 0) {
      const answer = await client.wait(pending);
      done = answer.jobs.some((job) => job.status === 'COMPLETE');
      pending = answer.remainingJobIds ?? [];
    }
    if (done) completedTiles += 1;
  };

  await Promise.all(
    Array.from({ length: viewers }, (_, viewer) => {
      const tenant = viewer % 2 === 0 ? 'acme' : 'globex';
      const proxy = instances[Math.floor(viewer / 2) % 2]!;
      const client = createOmniClient({
        baseUrl: BASE_PATH,
        rateLimit: false,
        fetch: (input, init) => {
          const headers = new Headers(init?.headers);
          headers.set('x-tenant', tenant);
          return proxy(new Request(new URL(String(input), APP), { ...init, headers }));
        },
      });
      return Promise.all(Array.from({ length: tiles }, (_, index) => tile(client, index)));
    }),
  );
  return {
    viewers,
    tiles,
    distinctQueries: 2 * tiles,
    upstreamRuns: omni.runs.length,
    upstreamWaits: omni.waits.length,
    completedTiles,
    lastViewerMs: Date.now() - started,
  };
}
