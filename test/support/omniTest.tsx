/**
 * The one support module of the project's client and hook tests: an msw server for the test file,
 * the token, providers, a fake Omni on msw, render helpers, and a fake clock for "nothing more is
 * sent" checks. Importing it installs the msw server for the importing file (msw at the HTTP level,
 * unhandled requests fail the test) and clears every QueryClient it made after each test.
 *
 * ```tsx
 * import { setupOmni, expectNoMoreRequests, useFakeClock } from '../support/omniTest.js';
 *
 * const { omni, wrapper } = setupOmni({ fake: { jobs: { a: { rows: [{ 'x.n': 1 }] } } } });
 * render(<Tile jobIds={['a']} />, { wrapper });
 * await screen.findByText('x.n: 1');
 * ```
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, expect, onTestFinished, vi } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import type { OmniClient, OmniClientOptions } from '../../src/client/OmniClient.js';
import type { QueryResults } from '../../src/results/OmniJobsResult.js';
import { OmniProvider } from '../../src/react/OmniProvider.js';
import { useQueryResults, type UseQueryResultsOptions } from '../../src/react/useQueryResults.js';
import { createFakeOmni, type FakeOmniOptions, type FakeOmniWithHandlers } from '../fakeOmni.js';

/** The token of the tests: recognisable, so a search for it in caches, errors, logs and the DOM means something. */
export const TOKEN = 'omni_osk_TEST_9c41e07bd2f5a836';

/** The msw server of the importing test file: listening for the whole file, handlers reset after each test. */
export const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const queryClients: QueryClient[] = [];
afterEach(() => {
  // Unmounting (Testing Library's cleanup) stops polling; clearing drops cached records and timers.
  for (const queryClient of queryClients.splice(0)) queryClient.clear();
});

/** A QueryClient with react-query's defaults, cleared after the test. */
export function newQueryClient(): QueryClient {
  const queryClient = new QueryClient();
  queryClients.push(queryClient);
  return queryClient;
}

/** A real client for `baseUrl` that sends {@link TOKEN} (override anything with `options`). */
export function newClient(baseUrl: string, options: Partial<OmniClientOptions> = {}): OmniClient {
  return createOmniClient({ baseUrl, token: TOKEN, ...options });
}

/** The provider tree of one app: a QueryClientProvider with an OmniProvider inside. */
export function providers(client: OmniClient, queryClient: QueryClient = newQueryClient()) {
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <OmniProvider client={client}>{children}</OmniProvider>
    </QueryClientProvider>
  );
  return { queryClient, wrapper };
}

/** A fake Omni served by msw for this test (it accepts {@link TOKEN} only, unless `token` says otherwise). */
export function fakeOmni(options: FakeOmniOptions = {}): FakeOmniWithHandlers {
  const omni = createFakeOmni({ holdMs: 20, token: TOKEN, ...options });
  server.use(...omni.handlers);
  return omni;
}

/** Everything one hook test needs: a fake Omni on msw, a real client, a fresh QueryClient and their providers. */
export interface OmniSetup {
  omni: FakeOmniWithHandlers;
  client: OmniClient;
  queryClient: QueryClient;
  /** Provider tree for `render`/`renderHook`. */
  wrapper: (props: { children?: ReactNode }) => ReactNode;
}

/** Options of {@link setupOmni}. */
export interface SetupOmniOptions {
  /** The fake Omni (already made, or its options). Default: a fake with 20 ms holds that accepts {@link TOKEN}. */
  fake?: FakeOmniWithHandlers | FakeOmniOptions;
  /** Options of the client (`token`, `headers`, …). Default: {@link TOKEN}. */
  client?: Partial<OmniClientOptions>;
  /** The QueryClient. Default: a fresh one, cleared after the test. */
  queryClient?: QueryClient;
}

/** A fake Omni on msw, a client for it and providers, without rendering. */
export function setupOmni(options: SetupOmniOptions = {}): OmniSetup {
  const omni = isFake(options.fake) ? options.fake : fakeOmni(options.fake);
  if (isFake(options.fake)) server.use(...omni.handlers);
  const client = newClient(omni.baseUrl, options.client);
  const { queryClient, wrapper } = providers(client, options.queryClient);
  return { omni, client, queryClient, wrapper };
}

/** Renders `useQueryResults(ids, options)` in `wrapper` and keeps every result it rendered, oldest first. */
export function renderResults(
  ids: readonly string[] | null,
  wrapper: (props: { children?: ReactNode }) => ReactNode,
  options?: UseQueryResultsOptions,
) {
  const history: QueryResults[] = [];
  const rendered = renderHook(
    (props: { ids: readonly string[] | null }) => {
      const results = useQueryResults(props.ids, options);
      history.push(results);
      return results;
    },
    { wrapper, initialProps: { ids } },
  );
  return { ...rendered, history };
}

/** A dashboard tile: shows its state, and reports every result it renders to `seen`. */
export function Tile(props: {
  name: string;
  jobIds: readonly string[] | null | undefined;
  options?: UseQueryResultsOptions;
  seen?: Map<string, QueryResults[]>;
}) {
  const results = useQueryResults(props.jobIds, props.options);
  const history = props.seen?.get(props.name) ?? [];
  history.push(results);
  props.seen?.set(props.name, history);
  const rows = results.jobs.map((job) => `${job.jobId}:${job.status}:${job.numRows}`).join(',');
  return (
    <div data-testid={props.name} data-status={results.status}>
      {results.status} [{rows}] {results.error?.message ?? ''}
    </div>
  );
}

/** Records every unhandled promise rejection of each test (fails nothing by itself: assert on it). */
export function recordUnhandledRejections(): unknown[] {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  beforeEach(() => {
    seen.length = 0;
    process.on('unhandledRejection', listener);
  });
  afterEach(() => {
    process.off('unhandledRejection', listener);
  });
  return seen;
}

/**
 * Fake timers for this test that still follow real time (so msw, holds and `waitFor` work as
 * before), and that {@link expectNoMoreRequests} can jump ahead. Call it first in the test, before
 * anything schedules a timer; real timers come back when the test ends.
 */
export function useFakeClock(): void {
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
}

/**
 * Asserts that nothing more is sent: runs every timer due in the next `ms` (default a minute: any
 * retry, backoff, poll delay or hold the library could have pending) and checks that the number of
 * requests did not change. Needs {@link useFakeClock}. Deterministic: no real time is waited.
 */
export async function expectNoMoreRequests(requests: { readonly length: number }, ms = 60_000): Promise<void> {
  expect(vi.isFakeTimers(), 'expectNoMoreRequests needs useFakeClock() at the start of the test').toBe(true);
  const before = requests.length;
  await vi.advanceTimersByTimeAsync(ms);
  expect(requests.length, `requests sent within ${ms} ms`).toBe(before);
}

function isFake(fake: SetupOmniOptions['fake']): fake is FakeOmniWithHandlers {
  return fake !== undefined && 'handle' in fake;
}
