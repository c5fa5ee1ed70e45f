import { useQueryClient } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OmniError } from '../../src/errors/OmniError.js';
import type { OmniQuery } from '../../src/query/omniQuerySchema.js';
import { useOmniQuery, type UseOmniQueryOptions } from '../../src/react/useOmniQuery.js';
import { useQueryResults } from '../../src/react/useQueryResults.js';
import { TOKEN } from '../support/omniTest.js';
import { QUERY, runHarness, runRequests } from './omniQueryHarness.js';

function QueryTile({ name, query, options }: { name: string; query: OmniQuery | null; options?: UseOmniQueryOptions }) {
  const result = useOmniQuery(query, options);
  return (
    <div data-testid={name} data-status={result.status} data-placeholder={String(result.isPlaceholderData)}>
      {result.rows.map((row) => String(row['order_items.total'])).join(',')}
    </div>
  );
}

describe('useOmniQuery: one run per distinct query', () => {
  it('two tiles with the same query, keys in any order, share one run; a job done in the run answer needs no wait', async () => {
    const harness = runHarness();
    const reordered = { fields: [...QUERY.fields], table: QUERY.table, modelId: QUERY.modelId };
    render(
      <>
        <QueryTile name="a" query={QUERY} />
        <QueryTile name="b" query={reordered} />
      </>,
      { wrapper: harness.wrapper },
    );
    await waitFor(() => expect(screen.getByTestId('a').dataset.status).toBe('success'));
    expect(screen.getByTestId('b').dataset.status).toBe('success');
    expect(screen.getByTestId('a').textContent).toBe('100');
    expect(screen.getByTestId('b').textContent).toBe('100');
    expect(runRequests(harness)).toHaveLength(1);
    expect(harness.omni.waitRequests()).toHaveLength(0);
    expect(harness.bodies[0]).toEqual({ query: QUERY });
  });

  it('follows a job still running after the run with wait requests, through the same entry useQueryResults reads', async () => {
    const harness = runHarness(() => ({ finishAfterPolls: 2 }));
    const { result } = renderHook(
      () => {
        const query = useOmniQuery(QUERY);
        const jobs = useQueryResults(query.jobId === undefined ? null : [query.jobId]);
        return { query, jobs };
      },
      { wrapper: harness.wrapper },
    );
    await waitFor(() => expect(result.current.query.jobId).toBe('run-1'));
    expect(result.current.query.status).toBe('pending');
    await waitFor(() => expect(result.current.query.status).toBe('success'));
    expect(result.current.jobs.status).toBe('success');
    expect(result.current.jobs.jobs[0]).toBe(result.current.query.job);
    expect(result.current.query.rows).toEqual([{ 'order_items.region': 'all', 'order_items.total': 100 }]);
    expect(runRequests(harness)).toHaveLength(1);
    // The run answer counted as the first poll; two wait answers more finish it. Never two waits at once.
    expect(harness.omni.waitRequests().map((request) => request.jobIds)).toEqual([['run-1'], ['run-1']]);
    expect(harness.omni.maxInFlight).toBe(1);
    expect(result.current.query.progress.polls).toBe(3);
    expect(result.current.query.progress.startedAt).toBeGreaterThan(0);
    expect(result.current.jobs.progress.startedAt).toBe(result.current.query.progress.startedAt);
  });

  it('sends cache, branchId and userId at the top level of the run body, and they make a distinct run', async () => {
    const harness = runHarness();
    render(
      <>
        <QueryTile name="plain" query={QUERY} />
        <QueryTile name="branch" query={QUERY} options={{ branchId: 'b-1', userId: 'u-1', cache: 'SkipCache' }} />
      </>,
      { wrapper: harness.wrapper },
    );
    await waitFor(() => expect(screen.getByTestId('branch').dataset.status).toBe('success'));
    await waitFor(() => expect(screen.getByTestId('plain').dataset.status).toBe('success'));
    expect(harness.bodies).toHaveLength(2);
    expect(harness.bodies).toContainEqual({ query: QUERY, branchId: 'b-1', userId: 'u-1', cache: 'SkipCache' });
  });

  it('keeps the token out of every query key', async () => {
    const harness = runHarness(() => ({ finishAfterPolls: 1 }));
    render(<QueryTile name="a" query={QUERY} />, { wrapper: harness.wrapper });
    await waitFor(() => expect(screen.getByTestId('a').dataset.status).toBe('success'));
    const keys = harness.queryClient
      .getQueryCache()
      .getAll()
      .map((query) => JSON.stringify(query.queryKey));
    expect(keys.some((key) => key.includes('"query"'))).toBe(true);
    expect(keys.join('\n')).not.toContain(TOKEN);
  });
});

describe('useOmniQuery: never submit twice', () => {
  it('a failed run is an error, not retried; rerun() is the user’s choice', async () => {
    const harness = runHarness();
    harness.omni.failNext({ status: 500, body: { detail: 'Internal error', status: 500 }, endpoint: 'run' });
    const { result } = renderHook(() => useOmniQuery(QUERY), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ kind: 'http', status: 500 });
    expect(runRequests(harness)).toHaveLength(1);
    act(() => result.current.rerun());
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(runRequests(harness)).toHaveLength(2);
  });

  it('a network failure of the run is not retried either, and a remount does not run it again', async () => {
    const harness = runHarness();
    harness.omni.failNext('network');
    const { result, unmount } = renderHook(() => useOmniQuery(QUERY), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    unmount();
    const again = renderHook(() => useOmniQuery(QUERY), { wrapper: harness.wrapper });
    expect(again.result.current.status).toBe('error');
    expect(runRequests(harness)).toHaveLength(1);
  });

  it('retries a run answered 429 (nothing was submitted), after Retry-After', async () => {
    const harness = runHarness();
    harness.omni.failNext({ status: 429, headers: { 'Retry-After': '0' }, endpoint: 'run' });
    const { result } = renderHook(() => useOmniQuery(QUERY), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(runRequests(harness).map((request) => request.status)).toEqual([429, 200]);
  });

  it('follows the jobs named in the header when the run’s stream breaks after it, with wait, never a second run', async () => {
    const harness = runHarness(() => ({ finishAfterPolls: 1 }));
    harness.omni.failNext({ midStream: { message: 'Internal Server Error', reason: 'worker restarted' }, endpoint: 'run' });
    const { result } = renderHook(() => useOmniQuery(QUERY), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.jobId).toBe('run-1');
    expect(runRequests(harness)).toHaveLength(1);
    expect(harness.omni.waitRequests().map((request) => request.jobIds)).toEqual([['run-1']]);
  });
});

describe('useOmniQuery: filters change', () => {
  const withRegion = (region: string) => ({ ...QUERY, filters: { 'order_items.region': region } });

  it('keeps the last result on screen as placeholder data until the new run completes', async () => {
    const harness = runHarness((_body, n) => (n === 1 ? {} : { finishAfterPolls: Infinity }));
    const { result, rerender } = renderHook(({ region }) => useOmniQuery(withRegion(region)), {
      wrapper: harness.wrapper,
      initialProps: { region: 'EU' },
    });
    await waitFor(() => expect(result.current.status).toBe('success'));
    rerender({ region: 'US' });
    expect(result.current).toMatchObject({ status: 'pending', isPlaceholderData: true, numRows: 1 });
    expect(result.current.rows).toEqual([{ 'order_items.region': 'EU', 'order_items.total': 100 }]);
    await waitFor(() => expect(result.current.jobId).toBe('run-2'));
    expect(result.current).toMatchObject({ status: 'pending', isPlaceholderData: true });
    harness.omni.release('run-2');
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.isPlaceholderData).toBe(false);
    expect(result.current.rows).toEqual([{ 'order_items.region': 'US', 'order_items.total': 200 }]);
    expect(harness.bodies.map((body) => body.query.filters)).toEqual([
      { 'order_items.region': 'EU' },
      { 'order_items.region': 'US' },
    ]);
  });

  it('shows empty data while pending with keepPreviousData: false', async () => {
    const harness = runHarness((_body, n) => (n === 1 ? {} : { finishAfterPolls: Infinity }));
    const { result, rerender } = renderHook(({ region }) => useOmniQuery(withRegion(region), { keepPreviousData: false }), {
      wrapper: harness.wrapper,
      initialProps: { region: 'EU' },
    });
    await waitFor(() => expect(result.current.status).toBe('success'));
    rerender({ region: 'US' });
    expect(result.current).toMatchObject({ status: 'pending', isPlaceholderData: false, rows: [], numRows: 0, job: undefined });
  });

  it('stops waiting for the old query’s job from the moment the query changes', async () => {
    const harness = runHarness((_body, n) => (n === 1 ? { finishAfterPolls: Infinity } : {}));
    const { result, rerender } = renderHook(({ region }) => useOmniQuery(withRegion(region)), {
      wrapper: harness.wrapper,
      initialProps: { region: 'EU' },
    });
    await waitFor(() => expect(harness.omni.waitRequests().length).toBeGreaterThanOrEqual(1));
    const changedAt = harness.omni.requests.length;
    rerender({ region: 'US' });
    await waitFor(() => expect(result.current.status).toBe('success'));
    await waitFor(() => expect(harness.omni.inFlight).toBe(0));
    const later = harness.omni.requests.slice(changedAt);
    expect(later.filter((request) => request.jobIds.includes('run-1'))).toEqual([]);
    // The wait that held run-1 was aborted rather than left to run out its long poll.
    expect(
      harness.omni
        .waitRequests()
        .filter((request) => request.jobIds.includes('run-1'))
        .every((r) => r.endedAt !== undefined),
    ).toBe(true);
  });

  it('keeps polling the old query while another mounted tile still shows it', async () => {
    const harness = runHarness((body) => (body.query.filters?.['order_items.region'] === 'EU' ? { finishAfterPolls: 3 } : {}));
    function Page({ region }: { region: string }) {
      return (
        <>
          <QueryTile name="moving" query={withRegion(region)} />
          <QueryTile name="fixed" query={withRegion('EU')} />
        </>
      );
    }
    const { rerender } = render(<Page region="EU" />, { wrapper: harness.wrapper });
    await waitFor(() => expect(harness.omni.waitRequests().length).toBeGreaterThanOrEqual(1));
    rerender(<Page region="US" />);
    await waitFor(() => expect(screen.getByTestId('fixed').dataset.status).toBe('success'));
    expect(screen.getByTestId('moving').dataset.status).toBe('success');
    expect(runRequests(harness)).toHaveLength(2);
  });
});

describe('useOmniQuery: kept results and rerun', () => {
  it('sends nothing when the same query mounts again within gcTime', async () => {
    const harness = runHarness(() => ({ finishAfterPolls: 1 }));
    const first = render(<QueryTile name="a" query={QUERY} />, { wrapper: harness.wrapper });
    await waitFor(() => expect(screen.getByTestId('a').dataset.status).toBe('success'));
    first.unmount();
    const sent = harness.omni.requests.length;
    render(<QueryTile name="a" query={QUERY} />, { wrapper: harness.wrapper });
    expect(screen.getByTestId('a').dataset.status).toBe('success');
    expect(screen.getByTestId('a').textContent).toBe('100');
    expect(harness.omni.requests.length).toBe(sent);
  });

  it('rerun({ cache: "SkipCache" }) sends a new run and replaces the result once complete, showing the old one meanwhile', async () => {
    const harness = runHarness((_body, n) => (n === 2 ? { finishAfterPolls: Infinity } : {}));
    const { result } = renderHook(() => useOmniQuery(QUERY, { keepPreviousData: false }), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    act(() => result.current.rerun({ cache: 'SkipCache' }));
    await waitFor(() => expect(result.current.jobId).toBe('run-2'));
    expect(result.current).toMatchObject({ status: 'pending', isPlaceholderData: true });
    expect(result.current.rows).toEqual([{ 'order_items.region': 'all', 'order_items.total': 100 }]);
    expect(harness.bodies[1]).toEqual({ query: QUERY, cache: 'SkipCache' });
    harness.omni.release('run-2');
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.rows).toEqual([{ 'order_items.region': 'all', 'order_items.total': 200 }]);
  });
});

describe('useOmniQuery: errors', () => {
  it('a failed job is the query’s error, with the job', async () => {
    const harness = runHarness(() => ({
      status: 'ERROR',
      errorMessage: 'Field "order_items.nope" not found',
      errorType: 'PLAN',
    }));
    const { result } = renderHook(() => useOmniQuery(QUERY), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    if (result.current.status !== 'error') throw new Error('narrowing');
    expect(result.current.error).toBeInstanceOf(OmniError);
    expect(result.current.error).toMatchObject({ kind: 'job', jobId: 'run-1', omniErrorType: 'PLAN' });
    expect(result.current.job?.status).toBe('error');
    expect(result.current.rows).toEqual([]);
  });

  it('a result that cannot be decoded is a decode error', async () => {
    const harness = runHarness(() => ({ result: 'bm90IGFycm93' }));
    const { result } = renderHook(() => useOmniQuery(QUERY), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error?.kind).toBe('decode');
  });

  it.each([
    ['no modelId', { table: 't', fields: ['t.a'] }, 'query.modelId'],
    ['an empty modelId', { modelId: ' ', table: 't', fields: ['t.a'] }, 'query.modelId'],
    ['no table', { modelId: 'm', fields: ['t.a'] }, 'query.table'],
    ['no fields', { modelId: 'm', table: 't' }, 'query.fields'],
    ['empty fields', { modelId: 'm', table: 't', fields: [] }, 'query.fields'],
    ['a blank field', { modelId: 'm', table: 't', fields: ['t.a', ''] }, 'query.fields.1'],
    ['a limit of 0', { modelId: 'm', table: 't', fields: ['t.a'], limit: 0 }, 'query.limit'],
    ['a fractional limit', { modelId: 'm', table: 't', fields: ['t.a'], limit: 1.5 }, 'query.limit'],
    ['a string limit', { modelId: 'm', table: 't', fields: ['t.a'], limit: '10' }, 'query.limit'],
    ['branchId inside the query', { modelId: 'm', table: 't', fields: ['t.a'], branchId: 'b' }, 'query.branchId'],
    ['sorts without column_name', { modelId: 'm', table: 't', fields: ['t.a'], sorts: [{}] }, 'query.sorts.0.column_name'],
  ])('%s → a schema error naming the field, and no request', async (_name, query, path) => {
    const harness = runHarness();
    const { result } = renderHook(() => useOmniQuery(query as unknown as OmniQuery), { wrapper: harness.wrapper });
    expect(result.current.status).toBe('error');
    expect(result.current.error).toMatchObject({ kind: 'schema' });
    expect(result.current.error?.message).toContain(path);
    expect(harness.omni.requests).toEqual([]);
  });

  it('accepts limit: null and unknown keys, and passes them through', async () => {
    const harness = runHarness();
    const query = { ...QUERY, limit: null, join_paths_from_topic_name: 'orders' };
    const { result } = renderHook(() => useOmniQuery(query), { wrapper: harness.wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(harness.bodies[0]?.query).toEqual(query);
  });

  it('is idle for null, undefined and enabled: false', () => {
    const harness = runHarness();
    for (const [query, options] of [
      [null, {}],
      [undefined, {}],
      [QUERY, { enabled: false }],
    ] as const) {
      const { result } = renderHook(() => useOmniQuery(query, options), { wrapper: harness.wrapper });
      expect(result.current).toMatchObject({ status: 'idle', jobId: undefined, rows: [], error: null, isFetching: false });
    }
    expect(harness.omni.requests).toEqual([]);
  });
});

describe('useOmniQuery: with useQueryClient in the same tree', () => {
  it('puts one run entry per distinct query under [root, "query"]', async () => {
    const harness = runHarness();
    const { result } = renderHook(
      () => {
        useOmniQuery(QUERY);
        useOmniQuery({ ...QUERY, limit: 10 });
        useOmniQuery({ limit: 10, ...QUERY });
        return useQueryClient();
      },
      { wrapper: harness.wrapper },
    );
    await waitFor(() => expect(runRequests(harness)).toHaveLength(2));
    expect(result.current.getQueryCache().findAll({ queryKey: ['omni-query-hooks', 'query'] })).toHaveLength(2);
  });
});
