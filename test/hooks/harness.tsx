import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import type { OmniClient } from '../../src/client/OmniClient.js';
import type { QueryResults } from '../../src/jobs/QueryResults.js';
import { OmniProvider } from '../../src/react/OmniProvider.js';
import { useQueryResults, type UseQueryResultsOptions } from '../../src/react/useQueryResults.js';
import { createFakeOmni, type FakeOmni, type FakeOmniOptions } from '../fakeOmni.js';

/** The token the fake accepts. Tests search caches and errors for it. */
export const TOKEN = 'omni_osk_test_9f8e7d6c5b4a';

/** One msw server per hook test file; each test adds its fake Omni's handlers. */
export function mswServerForFile() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** Everything one hook test needs: a fake Omni on msw, a real client, a fresh QueryClient. */
export interface OmniHarness {
  omni: FakeOmni;
  client: OmniClient;
  queryClient: QueryClient;
  /** Provider tree for `render`/`renderHook`. */
  wrapper: (props: { children?: ReactNode }) => ReactNode;
}

const queryClients: QueryClient[] = [];
afterEach(() => {
  // Unmounting (Testing Library's cleanup) stops polling; clearing drops cached records and timers.
  for (const queryClient of queryClients.splice(0)) queryClient.clear();
});

/** A fake Omni with short holds, a client with the token, and a QueryClient without noise. */
export function omniHarness(server: ReturnType<typeof setupServer>, options: FakeOmniOptions = {}): OmniHarness {
  const omni = createFakeOmni({ holdMs: 20, token: TOKEN, ...options });
  server.use(...omni.handlers);
  const client = createOmniClient({ baseUrl: omni.baseUrl, token: TOKEN });
  const queryClient = new QueryClient();
  queryClients.push(queryClient);
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <OmniProvider client={client}>{children}</OmniProvider>
    </QueryClientProvider>
  );
  return { omni, client, queryClient, wrapper };
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

/** Resolves after `ms` of real time: for "nothing more happens" checks, never for timing assertions. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
