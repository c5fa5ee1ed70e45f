/**
 * The request budget, measured: a 40-tile dashboard (40 distinct queries, each one run, half of them
 * followed by a wait) loaded through the library's real machinery (omniQueryOptions → run entry →
 * per-job entries → the shared batcher → the client's limiter) against a fake Omni that enforces the
 * same limit per key and answers 429 beyond it. Prints the 429 answers (goal 0) and the time to the
 * last tile against the ideal `ceil(requests / budget) × interval` (goal within 1.3×). Exits
 * non-zero when a tile of the budgeted run fails or anything throws.
 *
 *   npm run bench:budget
 *   npm run bench:budget -- --quick   # what CI runs: 12 tiles, 4 requests per 500 ms; prints, judges no ratio
 */
import { QueryClient } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createOmniClient } from '../src/client/createOmniClient.js';
import { omniQueryOptions } from '../src/query/omniQueryOptions.js';
import { createFakeOmni } from '../test/fakeOmni.js';

const quick = process.argv.includes('--quick');
const TILES = quick ? 12 : 40;
const BUDGET = quick ? { requests: 4, intervalMs: 500 } : { requests: 10, intervalMs: 2_000 };
const server = setupServer();
server.listen({ onUnhandledRequest: 'error' });

async function dashboard(rateLimit: typeof BUDGET | false) {
  server.resetHandlers();
  const omni = createFakeOmni({
    holdMs: 300,
    onRun: (body) => {
      const store = Number((body as { query: { filters: Record<string, string> } }).query.filters['order_items.store']);
      return { id: `store-${store}`, table: { 'order_items.total': [store] }, finishAfterPolls: store % 2 };
    },
  });
  server.use(...omni.handlers);
  const admitted: number[] = [];
  let refused = 0;
  const gate = () => {
    const now = Date.now();
    if (admitted.filter((t) => t > now - BUDGET.intervalMs).length >= BUDGET.requests) {
      refused += 1;
      return HttpResponse.json({ error: { code: 429, message: 'Rate limit exceeded' } }, { status: 429 });
    }
    admitted.push(now);
    return undefined;
  };
  server.use(http.get(`${omni.baseUrl}/api/v1/query/wait`, gate), http.post(`${omni.baseUrl}/api/v1/query/run`, gate));

  const client = createOmniClient({ baseUrl: omni.baseUrl, rateLimit });
  const queryClient = new QueryClient();
  const started = Date.now();
  const outcomes = await Promise.allSettled(
    Array.from({ length: TILES }, (_, store) =>
      queryClient.fetchQuery(
        omniQueryOptions(client, {
          modelId: 'm',
          table: 'order_items',
          fields: ['order_items.total'],
          filters: { 'order_items.store': String(store) },
        }),
      ),
    ),
  );
  const elapsedMs = Date.now() - started;
  queryClient.clear();
  const requests = admitted.length;
  const idealMs = Math.ceil(requests / BUDGET.requests) * BUDGET.intervalMs;
  return {
    mode: rateLimit === false ? 'no client budget' : `budget ${BUDGET.requests}/${BUDGET.intervalMs} ms`,
    tiles: `${outcomes.filter((o) => o.status === 'fulfilled').length}/${TILES}`,
    failed: outcomes.filter((o) => o.status === 'rejected').length,
    runs: omni.requests.filter((r) => r.endpoint === 'run' && r.status === 200).length,
    waits: omni.requests.filter((r) => r.endpoint === 'wait' && r.status === 200).length,
    'answered 429': refused,
    'time to last tile': `${(elapsedMs / 1000).toFixed(2)} s`,
    'ideal ceil(requests/budget)×interval': `${(idealMs / 1000).toFixed(2)} s`,
    'ratio to ideal': (elapsedMs / idealMs).toFixed(2),
  };
}

try {
  const rows = [await dashboard(BUDGET), await dashboard(false)];
  console.table(rows);
  // Within its budget every tile must arrive: a failed tile means the limiter or the retries broke.
  // Without a budget, tiles may run out of 429 retries; that is what the comparison shows.
  if (rows[0]!.failed > 0) {
    console.error(`bench:budget: ${rows[0]!.failed} of ${TILES} tiles failed within the client's budget`);
    process.exitCode = 1;
  }
  if (quick) console.log('--quick: ratios printed, not judged');
} finally {
  server.close();
}
