/**
 * Server rendering as Next.js App Router does it, without Next: a "server" QueryClient prefetches
 * through createServerOmniClient (the proxy in-process), its state is dehydrated with the
 * serializers, crosses as JSON (or, pending, as a promise of JSON: streaming), and a "browser"
 * QueryClient hydrates it under HydrationBoundary. The browser client talks to the same proxy over
 * HTTP (msw), so every request it sends is counted.
 */
import {
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
  defaultShouldDehydrateQuery,
  dehydrate,
  type DehydratedState,
  type QueryClientConfig,
} from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { Decimal, Int64, TimestampMillisecond } from 'apache-arrow';
import { http } from 'msw';
import { Suspense, useState, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import {
  createOmniClient,
  deserializeOmniData,
  documentQueriesOptions,
  jobQueryKey,
  omniQueryOptions,
  serializeOmniData,
  useOmniDocument,
  useOmniQuery,
  useQueryResults,
  useSuspenseOmniQuery,
  type OmniClient,
  type OmniQuery,
} from '../../src/index.js';
import { createOmniProxy, createServerOmniClient, type OmniProxyHandler } from '../../src/server.js';
import { decimalWords, fixed, ipcOf } from '../decode/arrowBuilders.js';
import { bytesToBase64, type FakeJobSpec, type FakeOmniOptions, type FakeOmniWithHandlers } from '../fakeOmni.js';
import { TOKEN, expectNoMoreRequests, fakeOmni, server, useFakeClock } from '../support/omniTest.js';
import { QUERY, type RunBody } from './omniQueryHarness.js';

const BASE_PATH = '/api/omni';

/** What the app's getQueryClient sets on both sides: the serializers, and pending queries dehydrated too (streaming). */
const queryClientConfig: QueryClientConfig = {
  defaultOptions: {
    dehydrate: {
      serializeData: serializeOmniData,
      shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
    },
    hydrate: { deserializeData: deserializeOmniData },
  },
};

interface App {
  omni: FakeOmniWithHandlers;
  proxy: OmniProxyHandler;
  /** Requests the browser sent to the proxy (`/api/omni/...`), in order: `run`, `wait` or `documents`. */
  browserRequests: string[];
  browserClient: OmniClient;
  browserQueryClient: QueryClient;
  /** A QueryClient and client as one server render has them. */
  serverRender(): { queryClient: QueryClient; client: OmniClient };
  /** Renders `ui` in the browser under a HydrationBoundary of `state`. */
  hydrate(state: DehydratedState, ui: ReactNode): ReturnType<typeof render>;
}

/** A fake Omni behind a real proxy at /api/omni; runs make one job each (see {@link jobOf}). */
function app(job: (body: RunBody, n: number) => Partial<FakeJobSpec> = () => ({}), options: FakeOmniOptions = {}): App {
  let runs = 0;
  const omni = fakeOmni({
    runs: (body) => {
      runs++;
      const run = body as unknown as RunBody;
      return {
        id: `run-${runs}`,
        table: {
          'order_items.region': [String(run.query.filters?.['order_items.region'] ?? 'all')],
          'order_items.total': [runs * 100],
        },
        ...job(run, runs),
      } as FakeJobSpec;
    },
    ...options,
  });
  // Each test its own Omni: the proxy state is process-wide per configuration, so sharing would carry
  // one test's results into the next.
  const proxy = createOmniProxy({ baseUrl: omni.baseUrl, token: TOKEN, basePath: BASE_PATH, rateLimit: false, share: false });
  const browserRequests: string[] = [];
  server.use(
    http.all(`*${BASE_PATH}/*`, ({ request }) => {
      const path = new URL(request.url).pathname;
      browserRequests.push(path.endsWith('/run') ? 'run' : path.endsWith('/wait') ? 'wait' : 'documents');
      return proxy(request);
    }),
  );
  const browserClient = createOmniClient({ baseUrl: BASE_PATH });
  const browserQueryClient = new QueryClient(queryClientConfig);
  return {
    omni,
    proxy,
    browserRequests,
    browserClient,
    browserQueryClient,
    serverRender: () => ({
      queryClient: new QueryClient(queryClientConfig),
      client: createServerOmniClient(proxy, { headers: { cookie: 'session=alice', host: 'localhost:3000' } }),
    }),
    hydrate: (state, ui) =>
      render(
        <QueryClientProvider client={browserQueryClient}>
          <HydrationBoundary state={state}>{ui}</HydrationBoundary>
        </QueryClientProvider>,
      ),
  };
}

/** What crosses from the server to the browser in the HTML: JSON. */
const overTheWire = (state: DehydratedState): DehydratedState => JSON.parse(JSON.stringify(state)) as DehydratedState;

function PlainTile({ query, client }: { query: OmniQuery; client: OmniClient }) {
  const result = useOmniQuery(query, { client });
  return (
    <div data-testid="tile" data-status={result.status}>
      {result.status === 'success'
        ? result.rows.map((row) => `${String(row['order_items.region'])}=${String(row['order_items.total'])}`).join(',')
        : `${result.status} ${result.error?.kind ?? ''} ${result.error?.message ?? ''}`}
    </div>
  );
}

function SuspenseTile({ query, client }: { query: OmniQuery; client: OmniClient }) {
  const result = useSuspenseOmniQuery(query, { client });
  return <div data-testid="tile">{result.rows.map((row) => String(row['order_items.total'])).join(',')}</div>;
}

const withRegion = (region: string | undefined): OmniQuery =>
  region === undefined ? QUERY : { ...QUERY, filters: { 'order_items.region': region } };

/** A tile with a filter, as the example's page has it. */
function FilteredTile({ client }: { client: OmniClient }) {
  const [region, setRegion] = useState<string>();
  return (
    <>
      <button type="button" onClick={() => setRegion('EU')}>
        EU
      </button>
      <PlainTile query={withRegion(region)} client={client} />
    </>
  );
}

const runsOf = (omni: FakeOmniWithHandlers) => omni.requests.filter((request) => request.endpoint === 'run');

describe('a query prefetched on the server', () => {
  it('renders from the hydrated cache at once and sends nothing from the browser; a filter change sends one run', async () => {
    useFakeClock();
    const { omni, browserRequests, browserClient, serverRender, hydrate } = app();
    const { queryClient, client } = serverRender();
    await queryClient.prefetchQuery(omniQueryOptions(client, QUERY));
    const state = overTheWire(dehydrate(queryClient));

    hydrate(state, <FilteredTile client={browserClient} />);

    // The very first render has the rows: they are in the server HTML, not fetched after hydration.
    expect(screen.getByTestId('tile').textContent).toBe('all=100');
    await expectNoMoreRequests(browserRequests);
    expect(browserRequests).toEqual([]);
    expect(runsOf(omni)).toHaveLength(1);

    act(() => screen.getByRole('button', { name: 'EU' }).click());

    await waitFor(() => expect(screen.getByTestId('tile').textContent).toBe('EU=200'));
    await expectNoMoreRequests(browserRequests);
    expect(browserRequests).toEqual(['run']);
  });

  it('leaves the run, job and result entries in the cache, keyed by the proxy path, with no token anywhere', async () => {
    const { serverRender, browserClient } = app();
    const { queryClient, client } = serverRender();
    await queryClient.prefetchQuery(omniQueryOptions(client, QUERY));

    const state = dehydrate(queryClient);
    const json = JSON.stringify(state);

    expect(state.queries.map((query) => query.queryKey.slice(0, 3))).toEqual(
      expect.arrayContaining([
        ['omni-query-hooks', 'query-result', BASE_PATH],
        ['omni-query-hooks', 'query', BASE_PATH],
        ['omni-query-hooks', 'job', BASE_PATH],
      ]),
    );
    expect(state.queries).toHaveLength(3);
    expect(client.key).toBe(browserClient.key);
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain('fake.omniapp.co');
    // The job crosses as Omni's base64 Arrow, never as decoded rows.
    expect(json).not.toContain('"rows"');
    expect(json).toMatch(/"result":"\/{4}/);
  });

  it('carries a failed job as the failure, not as an empty result', async () => {
    useFakeClock();
    const { browserRequests, browserClient, serverRender, hydrate } = app(() => ({
      error: { message: 'Column not found', type: 'PLAN' },
    }));
    const { queryClient, client } = serverRender();
    await queryClient.prefetchQuery(omniQueryOptions(client, QUERY));
    const state = overTheWire(dehydrate(queryClient));
    const job = state.queries.find((query) => query.queryKey[1] === 'job');
    expect(job?.state.data).toMatchObject({ status: 'error', error: { kind: 'job', omniErrorType: 'PLAN' } });

    hydrate(state, <PlainTile query={QUERY} client={browserClient} />);

    expect(screen.getByTestId('tile').dataset.status).toBe('error');
    expect(screen.getByTestId('tile').textContent).toMatch(/^error job .*Column not found/);
    await expectNoMoreRequests(browserRequests);
    expect(browserRequests).toEqual([]);
  });

  it('starts the run and job entries from a hydrated result when only the result entry crossed', async () => {
    useFakeClock();
    const { browserRequests, browserClient, serverRender, hydrate } = app();
    const { queryClient, client } = serverRender();
    await queryClient.prefetchQuery(omniQueryOptions(client, QUERY));
    const state = overTheWire(dehydrate(queryClient, { shouldDehydrateQuery: (query) => query.queryKey[1] === 'query-result' }));
    expect(state.queries).toHaveLength(1);

    hydrate(state, <PlainTile query={QUERY} client={browserClient} />);

    await waitFor(() => expect(screen.getByTestId('tile').textContent).toBe('all=100'));
    await expectNoMoreRequests(browserRequests);
    expect(browserRequests).toEqual([]);
  });

  it('serves useQueryResults too: the prefetched job entries are what it reads', async () => {
    useFakeClock();
    const { browserRequests, browserClient, browserQueryClient, serverRender } = app();
    const { queryClient, client } = serverRender();
    const prefetched = await queryClient.fetchQuery(omniQueryOptions(client, QUERY));
    const state = overTheWire(dehydrate(queryClient));

    const { result } = renderHook(() => useQueryResults([prefetched.jobId], { client: browserClient }), {
      wrapper: ({ children }) => (
        <QueryClientProvider client={browserQueryClient}>
          <HydrationBoundary state={state}>{children}</HydrationBoundary>
        </QueryClientProvider>
      ),
    });

    expect(result.current.status).toBe('success');
    expect(result.current.jobs[0]?.rows).toEqual([{ 'order_items.region': 'all', 'order_items.total': 100 }]);
    await expectNoMoreRequests(browserRequests);
    expect(browserRequests).toEqual([]);
  });

  it('serves a workbook: the list and every query from the server, nothing from the browser', async () => {
    useFakeClock();
    const documents = {
      sales: [
        { id: 'q1', name: 'All', query: QUERY, queryIdentifierMapKey: '1', url: 'https://o/w/sales?key=1' },
        { id: 'q2', name: 'EU', query: withRegion('EU'), queryIdentifierMapKey: '2', url: 'https://o/w/sales?key=2' },
      ],
    };
    const { browserRequests, browserClient, browserQueryClient, serverRender } = app(undefined, { documents });
    const { queryClient, client } = serverRender();
    const queries = await queryClient.fetchQuery(documentQueriesOptions(client, 'sales'));
    await Promise.all(queries.map((entry) => queryClient.prefetchQuery(omniQueryOptions(client, entry.query!))));
    const state = overTheWire(dehydrate(queryClient));

    const { result } = renderHook(() => useOmniDocument('sales', { client: browserClient }), {
      wrapper: ({ children }) => (
        <QueryClientProvider client={browserQueryClient}>
          <HydrationBoundary state={state}>{children}</HydrationBoundary>
        </QueryClientProvider>
      ),
    });

    expect(result.current.status).toBe('success');
    expect(result.current.queries.map((entry) => entry.result.status)).toEqual(['success', 'success']);
    expect(result.current.queries.map((entry) => entry.result.rows[0]?.['order_items.region'])).toEqual(['all', 'EU']);
    await expectNoMoreRequests(browserRequests);
    expect(browserRequests).toEqual([]);
  });
});

describe('a query streamed to a Suspense tile (prefetched without await, dehydrated pending)', () => {
  it('shows the fallback, then the result when the server has it, with no request from the browser at all', async () => {
    useFakeClock();
    const { omni, browserRequests, browserClient, browserQueryClient, serverRender, hydrate } = app(() => ({ held: true }));
    const { queryClient, client } = serverRender();
    void queryClient.prefetchQuery(omniQueryOptions(client, QUERY));
    const state = dehydrate(queryClient);
    expect(state.queries.map((query) => [query.queryKey[1], query.state.status])).toEqual([
      ['query-result', 'pending'],
      ['query', 'pending'],
    ]);
    // As React Server Components send it: the shell now, each promise's JSON when it settles.
    const streamed: DehydratedState = {
      ...state,
      queries: state.queries.map(({ promise, ...query }) => ({
        ...(JSON.parse(JSON.stringify(query)) as typeof query),
        ...(promise === undefined ? {} : { promise: promise.then((data) => JSON.parse(JSON.stringify(data)) as unknown) }),
      })),
    };

    hydrate(
      streamed,
      <Suspense fallback={<p>Loading</p>}>
        <SuspenseTile query={QUERY} client={browserClient} />
      </Suspense>,
    );
    expect(screen.getByText('Loading')).toBeTruthy();
    await waitFor(() => expect(runsOf(omni)).toHaveLength(1));
    omni.release('run-1');

    await waitFor(() => expect(screen.getByTestId('tile').textContent).toBe('100'));
    await expectNoMoreRequests(browserRequests);
    expect(browserRequests).toEqual([]);
    expect(runsOf(omni)).toHaveLength(1);
    // The streamed result filled the job entry the hooks read, so the browser never waits for the job.
    expect(browserQueryClient.getQueryData(jobQueryKey(browserClient, 'run-1'))).toMatchObject({ status: 'complete' });
  });
});

describe('serializeOmniData → JSON → deserializeOmniData', () => {
  const big = 2n ** 53n + 1n;
  const when = Date.UTC(2026, 0, 2, 3, 4, 5, 6);
  const result = bytesToBase64(
    ipcOf([
      ['orders.big', [fixed(new Int64(), BigInt64Array.from([big, -big, 7n]))]],
      ['orders.amount', [fixed(new Decimal(2, 38, 128), decimalWords([12345n, -5n, 12345678901234567890123n], 4))]],
      ['orders.at', [fixed(new TimestampMillisecond(), BigInt64Array.from([BigInt(when), 0n, -1n]))]],
    ]),
  );

  it('gives the exact int64, decimal and timestamp values a browser fetch decodes', async () => {
    const fields = ['orders.big', 'orders.amount', 'orders.at'];
    const { browserClient, serverRender, hydrate } = app(() => ({ result, fields }));
    const { queryClient, client } = serverRender();
    await queryClient.prefetchQuery(omniQueryOptions(client, QUERY));
    const state = overTheWire(dehydrate(queryClient));
    const rowsSeen: unknown[] = [];
    function Rows() {
      const query = useOmniQuery(QUERY, { client: browserClient });
      if (query.status === 'success') rowsSeen.push(query.rows);
      return null;
    }

    hydrate(state, <Rows />);
    const fetched = new QueryClient();
    const direct = renderHook(() => useOmniQuery(QUERY, { client: browserClient }), {
      wrapper: ({ children }) => <QueryClientProvider client={fetched}>{children}</QueryClientProvider>,
    });
    await waitFor(() => expect(direct.result.current.status).toBe('success'));

    const hydratedRows = rowsSeen[0] as Record<string, unknown>[];
    expect(hydratedRows).toEqual(direct.result.current.rows);
    expect(hydratedRows[0]!['orders.big']).toBe(big);
    expect(hydratedRows[1]!['orders.big']).toBe(-big);
    expect(hydratedRows[2]!['orders.big']).toBe(7);
    expect(hydratedRows[0]!['orders.amount']).toBe(direct.result.current.rows[0]!['orders.amount']);
    expect(hydratedRows.map((row) => row['orders.amount'])).toEqual([123.45, -0.05, Number('123456789012345678901.23')]);
    expect(hydratedRows[0]!['orders.at']).toEqual(new Date(when));
    fetched.clear();
  });

  it('passes everything that is not ours through unchanged', () => {
    const run = { jobId: 'j', jobIds: ['j'], startedAt: 1, answeredAt: 2 };
    const list = [{ id: 'q1', name: 'x' }];
    const mine = { $omniQueryHooks: undefined, jobId: 'j', status: 'complete' };
    for (const value of [run, list, mine, 'text', 3, null, undefined, [], new Date(0)]) {
      expect(serializeOmniData(value)).toBe(value);
      expect(deserializeOmniData(value)).toBe(value);
    }
  });

  it('turns a value from another version of the library into a clear schema error of its job', () => {
    const record = deserializeOmniData({ $omniQueryHooks: 'job', version: 99, jobId: 'j9' }) as { status: string; error: Error };
    expect(record.status).toBe('error');
    expect(record.error).toMatchObject({ kind: 'schema', jobId: 'j9' });
    expect(record.error.message).toMatch(/another version of omni-query-hooks/);
  });
});
