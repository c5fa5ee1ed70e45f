// RegionTile.test.tsx: a component test without an Omni instance or msw (Vitest + Testing Library).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, expect, it, onTestFinished } from 'vitest';
import { createOmniClient, OmniProvider, useOmniQuery, type OmniQuery } from '../../src/index.js';
import { createFakeOmni, type FakeOmni, type OmniRunBody } from '../../src/testing/index.js';

// The component under test (in your app it lives in its own file).
function RegionTile({ region }: { region: string }) {
  const query: OmniQuery = {
    modelId: 'c0f12353-4817-4398-bcc0-d501e6dd2f64',
    table: 'order_items',
    fields: ['orders.status', 'orders.count'],
    filters: { 'users.region': { is: region } },
  };
  const result = useOmniQuery(query);
  if (result.status === 'error') return <p role="alert">{result.error.message}</p>;
  if (result.status !== 'success') return <p>Loading orders…</p>;
  if (result.rows.length === 0) return <p>No rows</p>;
  return <p>{result.rows.map((row) => `${String(row['orders.status'])}: ${String(row['orders.count'])}`).join(', ')}</p>;
}

// Providers around `ui`, talking to the fake through `omni.fetch`: no network, no msw.
function renderWithOmni(ui: ReactNode, omni: FakeOmni) {
  const client = createOmniClient({ baseUrl: omni.baseUrl, fetch: omni.fetch, token: 'test-token' });
  const queryClient = new QueryClient();
  onTestFinished(() => queryClient.clear()); // stops any polling left
  return render(
    <QueryClientProvider client={queryClient}>
      <OmniProvider client={client}>{ui}</OmniProvider>
    </QueryClientProvider>,
  );
}

// What the fake Omni answers to each run: the rows depend on the query's region filter.
const ordersByRegion = (body: OmniRunBody) => {
  const region = (body.query.filters?.['users.region'] as { is: string }).is;
  return { rows: region === 'EU' ? [{ 'orders.status': 'Shipped', 'orders.count': 3 }] : [], after: 1 };
};

afterEach(() => cleanup());

it('shows the rows once Omni has finished the job', async () => {
  const omni = createFakeOmni({ runs: ordersByRegion });
  renderWithOmni(<RegionTile region="EU" />, omni);
  expect(screen.getByText('Loading orders…')).toBeTruthy();
  expect(await screen.findByText('Shipped: 3')).toBeTruthy();
  expect(omni.requests.map((request) => request.endpoint)).toEqual(['run', 'wait']); // one run, then one wait
});

it('shows "No rows" for an empty result', async () => {
  renderWithOmni(<RegionTile region="US" />, createFakeOmni({ runs: ordersByRegion }));
  expect(await screen.findByText('No rows')).toBeTruthy();
});

it("shows Omni's message when the job fails", async () => {
  const omni = createFakeOmni({ runs: () => ({ error: 'Column "orders.sttus" not found' }) });
  renderWithOmni(<RegionTile region="EU" />, omni);
  expect((await screen.findByRole('alert')).textContent).toContain('Column "orders.sttus" not found');
});

it('shows a readable error when Omni refuses the token', async () => {
  renderWithOmni(<RegionTile region="EU" />, createFakeOmni({ token: 'another-token' }));
  expect((await screen.findByRole('alert')).textContent).toBe(
    'Omni answered 403 (POST https://fake.omniapp.co/api/v1/query/run): Invalid bearer token',
  );
});

it('shows the rows when the test releases the job', async () => {
  const omni = createFakeOmni({
    holdMs: Infinity,
    runs: () => ({ rows: [{ 'orders.status': 'Returned', 'orders.count': 1 }], held: true }),
  });
  renderWithOmni(<RegionTile region="EU" />, omni);
  await expect.poll(() => omni.stats.inFlight).toBe(1); // the run is held...
  omni.release(omni.requests[0]!.jobIds[0]!); // ...until the test finishes the job the run started
  expect(await screen.findByText('Returned: 1')).toBeTruthy();
});
