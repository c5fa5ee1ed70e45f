/**
 * What the reliability hook tests share: one msw server per file, a provider tree per test, a
 * history of every result a hook rendered, and a recorder for unhandled rejections.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createOmniClient } from '../../../src/client/createOmniClient.js';
import type { OmniClient, OmniClientOptions } from '../../../src/client/OmniClient.js';
import type { QueryResults } from '../../../src/jobs/QueryResults.js';
import { OmniProvider } from '../../../src/react/OmniProvider.js';
import { useQueryResults, type UseQueryResultsOptions } from '../../../src/react/useQueryResults.js';

/** The token of these tests: recognisable, so a search for it in caches, errors and logs means something. */
export const SECRET_TOKEN = 'omni_osk_RELIABILITY_9c41e07bd2f5a836';

/** One msw server for the test file; unhandled requests fail the test. */
export function startMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

const queryClients: QueryClient[] = [];
afterEach(() => {
  for (const queryClient of queryClients.splice(0)) queryClient.clear();
});

/** A QueryClient that is cleared after the test. */
export function newQueryClient(): QueryClient {
  const queryClient = new QueryClient();
  queryClients.push(queryClient);
  return queryClient;
}

/** A client for `baseUrl` with the secret token (or the given options). */
export function newClient(baseUrl: string, options: Partial<OmniClientOptions> = {}): OmniClient {
  return createOmniClient({ baseUrl, token: SECRET_TOKEN, ...options });
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

/** Renders `useQueryResults(ids, options)` and keeps every result it rendered, oldest first. */
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

/** Records every unhandled promise rejection of the test (and fails nothing by itself: assert on it). */
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

/** Resolves after `ms` of real time: for "nothing more happens" checks, never for timing assertions. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
