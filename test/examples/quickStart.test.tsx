// Runs the README's quick start tile (quoted exactly from ./quickStart.tsx) against the fake Omni.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createOmniClient, OmniProvider } from '../../src/index.js';
import { createFakeOmni, type FakeOmniOptions } from '../../src/testing/index.js';
import { BrandCounts } from './quickStart.js';

afterEach(() => cleanup());

function renderTile(runs: NonNullable<FakeOmniOptions['runs']>, region = 'EU') {
  const omni = createFakeOmni({ runs });
  const client = createOmniClient({ baseUrl: omni.baseUrl, fetch: omni.fetch });
  const queryClient = new QueryClient();
  onTestFinished(() => queryClient.clear());
  const view = render(
    <QueryClientProvider client={queryClient}>
      <OmniProvider client={client}>
        <BrandCounts region={region} />
      </OmniProvider>
    </QueryClientProvider>,
  );
  return { omni, view };
}

describe('README quick start: BrandCounts', () => {
  it('shows "Running your query…" while pending, then the rows with their labels', async () => {
    renderTile(() => ({
      rows: [
        { 'products.brand': 'Acme', 'order_items.count': 12 },
        { 'products.brand': 'Globex', 'order_items.count': 7 },
      ],
      fields: [
        { name: 'products.brand', label: 'Brand' },
        { name: 'order_items.count', label: 'Orders' },
      ],
      after: 1,
    }));
    expect(screen.getByText('Running your query…')).toBeTruthy();
    await screen.findByText('Acme');
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Brand', 'Orders']);
    expect(screen.getAllByRole('cell').map((td) => td.textContent)).toEqual(['Acme', '12', 'Globex', '7']);
  });

  it('shows "No rows" for an empty result, not "Running your query…" forever', async () => {
    renderTile(() => ({ rows: [], fields: ['products.brand', 'order_items.count'] }));
    expect(await screen.findByText('No rows')).toBeTruthy();
    expect(screen.queryByText('Running your query…')).toBeNull();
  });

  it("shows Omni's message when the query fails", async () => {
    renderTile(() => ({ error: 'Field "products.brand" not found' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Field "products.brand" not found');
  });

  it('sends the region filter and the sort as the README shows them', async () => {
    const { omni } = renderTile(() => ({ rows: [] }), 'US');
    await screen.findByText('No rows');
    expect(omni.requests[0]?.body).toMatchObject({
      query: { filters: { 'users.region': { is: 'US' } }, sorts: [{ column_name: 'order_items.count', sort_descending: true }] },
    });
  });
});
