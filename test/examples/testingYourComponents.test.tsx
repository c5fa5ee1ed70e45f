// OrdersTile.test.tsx: a component test without an Omni instance (Vitest + Testing Library).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { afterEach, expect, it, onTestFinished } from 'vitest';
import { createOmniClient, OmniProvider, useQueryResults } from '../../src/index.js';
import { createFakeOmni, type FakeOmni } from '../../src/testing/index.js';
import { toMswHandlers } from '../../src/testing/msw.js';

// The component under test (in your app it lives in its own file).
function OrdersTile({ jobId }: { jobId: string }) {
  const { status, jobs, error } = useQueryResults([jobId]);
  const job = jobs[0];
  if (status === 'error') return <p role="alert">{error?.message}</p>;
  if (!job || job.status === 'pending') return <p>Loading orders…</p>;
  if (job.status === 'error') return <p role="alert">{job.error?.message}</p>;
  return <p>{job.rows.map((row) => `${row['orders.status']}: ${row['orders.count']}`).join(', ')}</p>;
}

// Providers around `ui`, talking to the fake through `omni.fetch`: no network, no msw needed.
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

afterEach(() => cleanup());

it('shows the rows once Omni has finished the job', async () => {
  const omni = createFakeOmni({
    jobs: { 'job-1': { rows: [{ 'orders.status': 'Shipped', 'orders.count': 3 }], after: 2 } },
  });
  renderWithOmni(<OrdersTile jobId="job-1" />, omni);
  expect(screen.getByText('Loading orders…')).toBeTruthy();
  expect(await screen.findByText('Shipped: 3')).toBeTruthy();
  expect(omni.requests.map((request) => request.jobIds)).toEqual([['job-1'], ['job-1'], ['job-1']]);
});

it("shows Omni's message when the job fails", async () => {
  const omni = createFakeOmni({ jobs: { 'job-1': { error: 'Column "orders.sttus" not found' } } });
  renderWithOmni(<OrdersTile jobId="job-1" />, omni);
  expect((await screen.findByRole('alert')).textContent).toContain('Column "orders.sttus" not found');
});

it('shows a readable error when Omni refuses the token', async () => {
  const omni = createFakeOmni({ token: 'another-token', jobs: { 'job-1': {} } });
  renderWithOmni(<OrdersTile jobId="job-1" />, omni);
  expect((await screen.findByRole('alert')).textContent).toBe('Omni answered 403: Invalid bearer token');
});

it('shows the rows when the job is released, through msw handlers', async () => {
  const omni = createFakeOmni({
    holdMs: Infinity,
    jobs: { 'job-1': { rows: [{ 'orders.status': 'Returned', 'orders.count': 1 }], held: true } },
  });
  const server = setupServer(...toMswHandlers(omni));
  server.listen({ onUnhandledRequest: 'error' });
  onTestFinished(() => server.close());
  const client = createOmniClient({ baseUrl: omni.baseUrl, token: 'test-token' }); // the global fetch, as msw intercepts it
  const queryClient = new QueryClient();
  onTestFinished(() => queryClient.clear());
  render(
    <QueryClientProvider client={queryClient}>
      <OmniProvider client={client}>
        <OrdersTile jobId="job-1" />
      </OmniProvider>
    </QueryClientProvider>,
  );
  await expect.poll(() => omni.inFlight).toBe(1); // the long poll is held...
  omni.release('job-1'); // ...until the test finishes the job
  expect(await screen.findByText('Returned: 1')).toBeTruthy();
});
