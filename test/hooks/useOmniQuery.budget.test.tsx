import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createOmniClient } from '../../src/client/createOmniClient.js';
import { OmniProvider } from '../../src/react/OmniProvider.js';
import { useOmniQuery } from '../../src/react/useOmniQuery.js';
import { createFakeOmni } from '../fakeOmni.js';
import { server } from '../support/omniTest.js';
import { QUERY, type RunBody } from './omniQueryHarness.js';

/** In front of the fake: Omni's limit per key, `requests` per sliding `intervalMs`, 429 beyond it. */
function enforceLimit(baseUrl: string, requests: number, intervalMs: number) {
  const admitted: number[] = [];
  const refused: number[] = [];
  const gate = () => {
    const now = Date.now();
    if (admitted.filter((t) => t > now - intervalMs).length >= requests) {
      refused.push(now);
      return HttpResponse.json({ error: { code: 429, message: 'Rate limit exceeded' } }, { status: 429 });
    }
    admitted.push(now);
    return undefined; // on to the fake
  };
  server.use(http.get(`${baseUrl}/api/v1/query/wait`, gate), http.post(`${baseUrl}/api/v1/query/run`, gate));
  return { admitted, refused };
}

function Tile({ index }: { index: number }) {
  const result = useOmniQuery({ ...QUERY, filters: { 'order_items.store': String(index) } });
  return <div data-testid="tile" data-status={result.status} />;
}

describe('useOmniQuery: the request budget', () => {
  it('loads a 40-tile dashboard against a server enforcing the client’s budget with zero 429 answers', async () => {
    const omni = createFakeOmni({
      holdMs: 20,
      // Half the tiles finish in the run answer, half need one wait.
      onRun: (body) => {
        const store = Number((body as RunBody).query.filters?.['order_items.store']);
        return { id: `store-${store}`, table: { 'order_items.total': [store] }, finishAfterPolls: store % 2 };
      },
    });
    server.use(...omni.handlers);
    // Added last, so msw asks it first.
    const limit = enforceLimit(omni.baseUrl, 10, 300);
    const client = createOmniClient({ baseUrl: omni.baseUrl, rateLimit: { requests: 10, intervalMs: 300 } });
    const queryClient = new QueryClient();
    render(
      <QueryClientProvider client={queryClient}>
        <OmniProvider client={client}>
          {Array.from({ length: 40 }, (_, index) => (
            <Tile key={index} index={index} />
          ))}
        </OmniProvider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('tile').every((tile) => tile.dataset.status === 'success')).toBe(true), {
      timeout: 15_000,
    });
    expect(limit.refused).toEqual([]);
    expect(omni.requests.filter((request) => request.endpoint === 'run')).toHaveLength(40);
    // 40 runs and the waits of the 20 slower tiles, batched: the budget was spent, never exceeded.
    expect(limit.admitted.length).toBeGreaterThan(40);
    queryClient.clear();
  }, 20_000);
});
