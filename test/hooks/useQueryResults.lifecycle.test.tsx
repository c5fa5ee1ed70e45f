import { focusManager, onlineManager } from '@tanstack/react-query';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { jobQueryKey } from '../../src/wait/jobQueryKey.js';
import type { QueryResults } from '../../src/results/OmniJobsResult.js';
import { useQueryResults } from '../../src/react/useQueryResults.js';
import { expectNoMoreRequests, setupOmni, Tile, useFakeClock } from '../support/omniTest.js';

const rowsOf = (value: number) => ({ 'kpi.value': Int32Array.from([value]) });

describe('useQueryResults: lifecycle', () => {
  it('aborts the in-flight wait on unmount and sends nothing afterwards', async () => {
    useFakeClock();
    const { omni, wrapper } = setupOmni({ fake: { holdMs: 10_000 } });
    omni.addJob({ id: 'forever', table: rowsOf(1), finishAfterPolls: Infinity });
    const { unmount } = renderHook(() => useQueryResults(['forever']), { wrapper });
    await waitFor(() => expect(omni.inFlight).toBe(1));
    unmount();
    await waitFor(() => expect(omni.requests[0]?.aborted).toBe(true));
    expect(omni.requests).toHaveLength(1);
    await expectNoMoreRequests(omni.requests);
    expect(omni.inFlight).toBe(0);
  });

  it('keeps the shared long poll for the tiles still mounted, and stops asking for an unmounted tile', async () => {
    useFakeClock();
    // The long poll is held until the test ends it: the unmount lands inside it whatever the machine's speed.
    const { omni, wrapper: Wrapper } = setupOmni({ fake: { holdMs: Infinity } });
    omni.addJob({ id: 'stay', table: rowsOf(1), finishAfterPolls: 1 }, { id: 'leave', table: rowsOf(2), held: true });
    const { rerender } = render(
      <Wrapper>
        <Tile name="stay" jobIds={['stay']} />
        <Tile name="leave" jobIds={['leave']} />
      </Wrapper>,
    );
    await waitFor(() => expect(omni.inFlight).toBe(1));
    rerender(
      <Wrapper>
        <Tile name="stay" jobIds={['stay']} />
      </Wrapper>,
    );
    expect(omni.waitRequests()).toHaveLength(1);
    omni.endWaits();
    await waitFor(() => expect(screen.getByTestId('stay').dataset.status).toBe('success'), { timeout: 3_000 });
    const waits = omni.waitRequests();
    expect(waits[0]).toMatchObject({ jobIds: ['stay', 'leave'], aborted: false });
    expect(waits.slice(1).map((request) => request.jobIds)).toEqual([['stay']]);
    expect(omni.waitRequests()).toHaveLength(2);
    await expectNoMoreRequests(omni.requests);
  });

  it('aborts the old wait when jobIds change; the last ids win and no stale data shows', async () => {
    useFakeClock();
    const { omni, wrapper } = setupOmni({ fake: { holdMs: 10_000 } });
    omni.addJob(
      { id: 'first', table: rowsOf(1), finishAfterPolls: Infinity },
      { id: 'second', table: rowsOf(2), finishAfterPolls: Infinity },
      { id: 'third', table: rowsOf(3) },
    );
    const seen: QueryResults[] = [];
    const { result, rerender } = renderHook(
      ({ ids }) => {
        const results = useQueryResults(ids);
        seen.push(results);
        return results;
      },
      { wrapper, initialProps: { ids: ['first'] } },
    );
    await waitFor(() => expect(omni.inFlight).toBe(1));
    rerender({ ids: ['second'] });
    rerender({ ids: ['third'] });
    const changedAt = seen.length;
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.jobs.map((job) => [job.jobId, job.rows])).toEqual([['third', [{ 'kpi.value': 3 }]]]);
    expect(seen.slice(changedAt).every((results) => results.jobs.every((job) => job.jobId === 'third'))).toBe(true);
    expect(omni.requests[0]).toMatchObject({ jobIds: ['first'], aborted: true });
    expect(omni.waitRequests().some((request) => request.jobIds.includes('second'))).toBe(false);
    await expectNoMoreRequests(omni.requests);
    expect(
      omni
        .waitRequests()
        .filter((request) => !request.aborted)
        .map((request) => request.jobIds),
    ).toEqual([['third']]);
  });

  it('lets a tile mounted during a long poll join it through one superseding request', async () => {
    const { omni, wrapper: Wrapper } = setupOmni({ fake: { holdMs: 10_000 } });
    omni.addJob({ id: 'running', table: rowsOf(1), finishAfterPolls: Infinity }, { id: 'ready', table: rowsOf(2) });
    const early = <Tile key="running" name="running" jobIds={['running']} />;
    const { rerender } = render(<Wrapper>{early}</Wrapper>);
    await waitFor(() => expect(omni.inFlight).toBe(1));
    rerender(
      <Wrapper>
        {early}
        <Tile key="ready" name="ready" jobIds={['ready']} />
      </Wrapper>,
    );
    await waitFor(() => expect(screen.getByTestId('ready').dataset.status).toBe('success'), { timeout: 4_000 });
    const waits = omni.waitRequests();
    expect(waits.map((request) => [...request.jobIds].sort())).toEqual([['running'], ['ready', 'running']]);
    expect(waits[0]?.aborted).toBe(true);
    expect(omni.maxInFlight).toBe(1);
    expect(screen.getByTestId('running').dataset.status).toBe('pending');
  });

  it('keeps polling in a background tab until the job finishes', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'hidden', table: rowsOf(6), finishAfterPolls: 3 });
    act(() => focusManager.setFocused(false));
    try {
      const { result } = renderHook(() => useQueryResults(['hidden']), { wrapper });
      await waitFor(() => expect(result.current.status).toBe('success'));
      expect(omni.waitRequests()).toHaveLength(4);
    } finally {
      focusManager.setFocused(undefined);
    }
  });

  it('sends one wait request per poll round for 30 tiles mounted together', async () => {
    const { omni, wrapper: Wrapper } = setupOmni();
    const ids = Array.from({ length: 30 }, (_, index) => `tile-${index}`);
    for (const id of ids) omni.addJob({ id, table: rowsOf(Number(id.slice(5))), finishAfterPolls: 2 });
    render(
      <Wrapper>
        {ids.map((id) => (
          <Tile key={id} name={id} jobIds={[id]} />
        ))}
      </Wrapper>,
    );
    await waitFor(() => expect(screen.getAllByText(/^success/)).toHaveLength(30), { timeout: 15_000 });
    const waits = omni.waitRequests();
    expect(waits).toHaveLength(3);
    expect(waits.every((request) => request.jobIds.length === 30)).toBe(true);
    expect(omni.maxInFlight).toBe(1);
    expect(screen.getByTestId('tile-17').textContent).toContain('tile-17:complete:1');
    // Thirty tiles take seconds on a busy 2-core machine: a generous limit, not a timing assertion.
  }, 20_000);

  it('gives the same job in two components one cache entry and one poll', async () => {
    const { omni, queryClient, wrapper: Wrapper } = setupOmni();
    omni.addJob({ id: 'shared', table: rowsOf(9), finishAfterPolls: 2 });
    const seen = new Map<string, QueryResults[]>();
    render(
      <Wrapper>
        <Tile name="chart" jobIds={['shared']} seen={seen} />
        <Tile name="table" jobIds={['shared']} seen={seen} options={{ includeInternalColumns: true }} />
      </Wrapper>,
    );
    await waitFor(() => expect(screen.getAllByText(/^success/)).toHaveLength(2));
    expect(queryClient.getQueryCache().getAll()).toHaveLength(1);
    expect(omni.waitRequests().map((request) => request.jobIds)).toEqual([['shared'], ['shared'], ['shared']]);
    const chart = seen.get('chart')!.at(-1)!.jobs[0]!;
    const table = seen.get('table')!.at(-1)!.jobs[0]!;
    // Two views (different column choices) of one decoded table.
    expect(chart.table).toBe(table.table);
  });

  it('ends polling with a timeout error after maxWaitMs', async () => {
    useFakeClock();
    const { omni, wrapper } = setupOmni({ fake: { holdMs: 50 } });
    omni.addJob({ id: 'stuck', table: rowsOf(1), finishAfterPolls: Infinity });
    const { result } = renderHook(() => useQueryResults(['stuck'], { maxWaitMs: 400 }), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'), { timeout: 3_000 });
    expect(result.current.error).toMatchObject({ kind: 'timeout', jobId: 'stuck' });
    expect(result.current.jobs[0]).toMatchObject({ status: 'error' });
    expect(result.current.progress.polls).toBeGreaterThan(0);
    const sent = omni.requests.length;
    expect(omni.requests).toHaveLength(sent);
    await expectNoMoreRequests(omni.requests);
    expect(omni.inFlight).toBe(0);
  });

  it('works under StrictMode double mounting: one request per poll, none wasted', async () => {
    const { omni, wrapper: Wrapper } = setupOmni();
    omni.addJob({ id: 'strict', table: rowsOf(5), finishAfterPolls: 1 });
    render(
      <StrictMode>
        <Wrapper>
          <Tile name="strict" jobIds={['strict']} />
        </Wrapper>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('strict').dataset.status).toBe('success'));
    expect(screen.getByTestId('strict').textContent).toContain('strict:complete:1');
    expect(omni.waitRequests()).toHaveLength(2);
    expect(omni.requests.every((request) => !request.aborted)).toBe(true);
  });

  it('never refetches a finished job on remount, focus or reconnect', async () => {
    useFakeClock();
    const { omni, client, queryClient, wrapper } = setupOmni();
    omni.addJob({ id: 'done', table: rowsOf(4) });
    const first = renderHook(() => useQueryResults(['done']), { wrapper });
    await waitFor(() => expect(first.result.current.status).toBe('success'));
    const firstTable = first.result.current.jobs[0]?.table;
    const answeredAt = queryClient.getQueryState(jobQueryKey(client, 'done'))?.dataUpdatedAt;
    first.unmount();
    // Time passes between the two mounts (well within gcTime).
    await vi.advanceTimersByTimeAsync(1_000);

    const second = renderHook(() => useQueryResults(['done']), { wrapper });
    expect(second.result.current.status).toBe('success');
    expect(second.result.current.jobs[0]?.table).toBe(firstTable);
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
      onlineManager.setOnline(false);
      onlineManager.setOnline(true);
    });
    await expectNoMoreRequests(omni.requests);
    focusManager.setFocused(undefined);
    expect(omni.requests).toHaveLength(1);
    expect(second.result.current.status).toBe('success');
    // Not even a request-free refetch ran: the cached answer is the original one.
    expect(queryClient.getQueryState(jobQueryKey(client, 'done'))?.dataUpdatedAt).toBe(answeredAt);
  });
});
