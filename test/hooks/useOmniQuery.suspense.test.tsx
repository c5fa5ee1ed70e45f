import { QueryErrorResetBoundary, type QueryClient } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { Component, Suspense, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { omniQueryOptions } from '../../src/query/omniQueryOptions.js';
import { useOmniQuery } from '../../src/react/useOmniQuery.js';
import { useSuspenseOmniQuery } from '../../src/react/useSuspenseOmniQuery.js';
import { useSuspenseQueryResults } from '../../src/react/useSuspenseQueryResults.js';
import type { OmniQuery } from '../../src/query/omniQuerySchema.js';
import { setupOmni } from '../support/omniTest.js';
import { QUERY, runHarness, runRequests } from './omniQueryHarness.js';

// React reports every error an error boundary catches to console.error; these tests expect them.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

class Boundary extends Component<{ children: ReactNode; onReset: () => void }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div role="alert">
        {this.state.error.message}
        <button
          type="button"
          onClick={() => {
            this.props.onReset();
            this.setState({ error: null });
          }}
        >
          Try again
        </button>
      </div>
    );
  }
}

function SuspenseTile({ query }: { query: OmniQuery }) {
  const result = useSuspenseOmniQuery(query);
  return (
    <div data-testid="tile" data-status={result.status}>
      {String(result.rows[0]?.['order_items.total'])} in {result.table.numRows} rows
    </div>
  );
}

function PlainTile({ query }: { query: OmniQuery }) {
  const result = useOmniQuery(query);
  return (
    <div data-testid="plain">{result.status === 'success' ? String(result.rows[0]?.['order_items.total']) : result.status}</div>
  );
}

function withBoundary(children: ReactNode) {
  return (
    <QueryErrorResetBoundary>
      {({ reset }) => (
        <Boundary onReset={reset}>
          <Suspense fallback={<p>Loading</p>}>{children}</Suspense>
        </Boundary>
      )}
    </QueryErrorResetBoundary>
  );
}

describe('useSuspenseOmniQuery', () => {
  it('suspends until the job is complete, with no request more than useOmniQuery makes', async () => {
    const suspended = runHarness(() => ({ finishAfterPolls: 2 }));
    render(withBoundary(<SuspenseTile query={QUERY} />), { wrapper: suspended.wrapper });
    expect(screen.getByText('Loading')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('tile').textContent).toBe('100 in 1 rows'));
    expect(screen.getByTestId('tile').dataset.status).toBe('success');
    const suspenseRequests = suspended.omni.requests.map((request) => `${request.endpoint}:${request.jobIds.join()}`);

    const plain = runHarness(() => ({ finishAfterPolls: 2 }));
    render(<PlainTile query={QUERY} />, { wrapper: plain.wrapper });
    await waitFor(() => expect(screen.getByTestId('plain').textContent).toBe('100'));
    const plainRequests = plain.omni.requests.map((request) => `${request.endpoint}:${request.jobIds.join()}`);
    expect(suspenseRequests).toEqual(plainRequests);
    expect(suspenseRequests).toEqual(['run:run-1', 'wait:run-1', 'wait:run-1']);
  });

  it('throws a failed job to the error boundary; trying again runs the query again', async () => {
    const harness = runHarness((_body, n) => (n === 1 ? { status: 'ERROR', errorMessage: 'Warehouse is asleep' } : {}));
    render(withBoundary(<SuspenseTile query={QUERY} />), { wrapper: harness.wrapper });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Warehouse is asleep'));
    expect(runRequests(harness)).toHaveLength(1);
    act(() => screen.getByRole('button', { name: 'Try again' }).click());
    await waitFor(() => expect(screen.getByTestId('tile').textContent).toBe('200 in 1 rows'));
    expect(runRequests(harness)).toHaveLength(2);
  });

  it('throws a failed run to the error boundary', async () => {
    const harness = runHarness();
    harness.omni.failNext({ status: 403, body: { error: { code: 403, message: 'Invalid bearer token' } }, endpoint: 'run' });
    render(withBoundary(<SuspenseTile query={QUERY} />), { wrapper: harness.wrapper });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Invalid bearer token'));
    expect(runRequests(harness)).toHaveLength(1);
  });

  it('trying again after a failed run sends one new run, and a second failure goes back to the boundary', async () => {
    const harness = runHarness();
    const refused = { status: 403, body: { error: { code: 403, message: 'Invalid bearer token' } }, endpoint: 'run' } as const;
    harness.omni.failNext(refused);
    render(withBoundary(<SuspenseTile query={QUERY} />), { wrapper: harness.wrapper });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Invalid bearer token'));
    harness.omni.failNext(refused);
    act(() => screen.getByRole('button', { name: 'Try again' }).click());
    await waitFor(() => expect(runRequests(harness)).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Invalid bearer token'));
    act(() => screen.getByRole('button', { name: 'Try again' }).click());
    await waitFor(() => expect(screen.getByTestId('tile').textContent).toBe('100 in 1 rows'));
    expect(runRequests(harness)).toHaveLength(3);
  });

  it('throws an invalid query to the error boundary without a request', async () => {
    const harness = runHarness();
    render(withBoundary(<SuspenseTile query={{ ...QUERY, fields: [] }} />), { wrapper: harness.wrapper });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('query.fields'));
    expect(harness.omni.requests).toEqual([]);
  });
});

describe('omniQueryOptions with fetchQuery', () => {
  it('resolves with the finished job and shares the run and waits with a mounted hook', async () => {
    const harness = runHarness(() => ({ finishAfterPolls: 2 }));
    render(<PlainTile query={QUERY} />, { wrapper: harness.wrapper });
    const job = await harness.queryClient.fetchQuery(omniQueryOptions(harness.client, QUERY));
    expect(job).toMatchObject({ jobId: 'run-1', status: 'complete', numRows: 1 });
    expect(job.rows).toEqual([{ 'order_items.region': 'all', 'order_items.total': 100 }]);
    expect(job.table?.numRows).toBe(1);
    expect(job.fields.map((field) => field.name)).toEqual(['order_items.region', 'order_items.total']);
    expect(runRequests(harness)).toHaveLength(1);
    expect(harness.omni.waitRequests()).toHaveLength(2);
    expect(harness.omni.maxInFlight).toBe(1);
  });

  it('rejects with the job’s OmniError', async () => {
    const harness = runHarness(() => ({ status: 'FAILED', errorMessage: 'Unable to find job' }));
    await expect(harness.queryClient.fetchQuery(omniQueryOptions(harness.client, QUERY))).rejects.toMatchObject({
      kind: 'job',
      jobId: 'run-1',
    });
  });

  it('prefetching in a loader means the tile renders at once without a request', async () => {
    const harness = runHarness();
    await harness.queryClient.prefetchQuery(omniQueryOptions(harness.client, QUERY));
    const sent = harness.omni.requests.length;
    render(<PlainTile query={QUERY} />, { wrapper: harness.wrapper });
    expect(screen.getByTestId('plain').textContent).toBe('100');
    expect(harness.omni.requests.length).toBe(sent);
  });
});

describe('useSuspenseQueryResults', () => {
  function Jobs({ ids }: { ids: string[] }) {
    const results = useSuspenseQueryResults(ids);
    return <div data-testid="jobs">{`${results.status} ${results.jobs.map((job) => job.status).join(',')}`}</div>;
  }

  it('suspends until every job is terminal and keeps a failed job as data', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'a', table: { 'x.y': [1] }, finishAfterPolls: 1 }, { id: 'b', status: 'ERROR', errorMessage: 'nope' });
    render(withBoundary(<Jobs ids={['a', 'b']} />), { wrapper });
    expect(screen.getByText('Loading')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('jobs').textContent).toBe('success complete,error'));
    expect(omni.waitRequests().map((request) => request.jobIds)).toEqual([['a', 'b'], ['a']]);
  });

  it('throws a request-wide failure to the error boundary', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'a', table: { 'x.y': [1] } });
    omni.failNext({ status: 403, body: { error: { code: 403, message: 'Invalid bearer token' } } });
    render(withBoundary(<Jobs ids={['a']} />), { wrapper });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Invalid bearer token'));
  });

  it('trying again after a request-wide failure asks for the jobs again, once', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'a', table: { 'x.y': [1] } });
    omni.failNext({ status: 403, body: { error: { code: 403, message: 'Invalid bearer token' } } });
    render(withBoundary(<Jobs ids={['a']} />), { wrapper });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Invalid bearer token'));
    expect(omni.waitRequests()).toHaveLength(1);
    act(() => screen.getByRole('button', { name: 'Try again' }).click());
    await waitFor(() => expect(screen.getByTestId('jobs').textContent).toBe('success complete'));
    expect(omni.waitRequests()).toHaveLength(2);
  });
});

describe('Suspense hooks share the machinery of their twins', () => {
  const kinds = (harness: { queryClient: QueryClient }) =>
    harness.queryClient
      .getQueryCache()
      .getAll()
      .map((query) => String(query.queryKey[1]))
      .sort();

  it('useSuspenseOmniQuery makes the same cache entries as useOmniQuery: one run, one job, no barrier', async () => {
    const suspended = runHarness(() => ({ finishAfterPolls: 1 }));
    render(withBoundary(<SuspenseTile query={QUERY} />), { wrapper: suspended.wrapper });
    await waitFor(() => expect(screen.getByTestId('tile').textContent).toBe('100 in 1 rows'));
    const plain = runHarness(() => ({ finishAfterPolls: 1 }));
    render(<PlainTile query={QUERY} />, { wrapper: plain.wrapper });
    await waitFor(() => expect(screen.getByTestId('plain').textContent).toBe('100'));

    expect(kinds(suspended)).toEqual(kinds(plain));
    expect(kinds(suspended).filter((kind) => kind !== 'idle')).toEqual(['job', 'query']);
  });

  it('useSuspenseQueryResults makes one entry per job and nothing else', async () => {
    const harness = setupOmni();
    harness.omni.addJob({ id: 'a', table: { 'x.y': [1] }, finishAfterPolls: 1 }, { id: 'b', table: { 'x.y': [2] } });
    function Jobs() {
      const results = useSuspenseQueryResults(['a', 'b']);
      return <div data-testid="jobs">{results.status}</div>;
    }
    render(withBoundary(<Jobs />), { wrapper: harness.wrapper });
    await waitFor(() => expect(screen.getByTestId('jobs').textContent).toBe('success'));
    expect(kinds(harness)).toEqual(['job', 'job']);
  });

  it('useSuspenseOmniQuery runs even when `enabled: false` is forced past its types: Suspense cannot be idle', async () => {
    const harness = runHarness();
    function Forced() {
      const result = useSuspenseOmniQuery(QUERY, { enabled: false } as never);
      return <div data-testid="forced">{String(result.rows[0]?.['order_items.total'])}</div>;
    }
    render(withBoundary(<Forced />), { wrapper: harness.wrapper });
    await waitFor(() => expect(screen.getByTestId('forced').textContent).toBe('100'));
    expect(runRequests(harness)).toHaveLength(1);
  });

  it('a loader’s prefetch of omniQueryOptions lets useSuspenseOmniQuery render without suspending or a request', async () => {
    const harness = runHarness(() => ({ finishAfterPolls: 1 }));
    await harness.queryClient.prefetchQuery(omniQueryOptions(harness.client, QUERY));
    const sent = harness.omni.requests.length;
    render(withBoundary(<SuspenseTile query={QUERY} />), { wrapper: harness.wrapper });
    expect(screen.getByTestId('tile').textContent).toBe('100 in 1 rows');
    expect(harness.omni.requests.length).toBe(sent);
  });
});
