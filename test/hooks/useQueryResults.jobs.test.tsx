import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useQueryResults } from '../../src/react/useQueryResults.js';
import { expectNoMoreRequests, setupOmni, useFakeClock } from '../support/omniTest.js';

describe('useQueryResults: jobs, partial results and input', () => {
  it('shows a finished job at once while another still runs, and then polls only the pending one', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob(
      { id: 'fast', table: { 'kpi.revenue': Float64Array.from([1250.5]) } },
      { id: 'slow', table: { 'kpi.orders': Int32Array.from([7]) }, finishAfterPolls: Infinity },
    );
    const { result } = renderHook(() => useQueryResults(['fast', 'slow']), { wrapper });
    await waitFor(() => expect(result.current.jobs[0]?.status).toBe('complete'));
    expect(result.current.status).toBe('pending');
    expect(result.current.jobs[0]?.rows).toEqual([{ 'kpi.revenue': 1250.5 }]);
    expect(result.current.jobs[1]).toMatchObject({ jobId: 'slow', status: 'pending', rows: [], numRows: 0 });
    expect(result.current.remainingJobIds).toEqual(['slow']);
    expect(result.current.progress).toMatchObject({ done: 1, total: 2 });

    await waitFor(() => expect(omni.waitRequests().length).toBeGreaterThanOrEqual(3));
    const [first, ...later] = omni.waitRequests();
    expect(first?.jobIds).toEqual(['fast', 'slow']);
    expect(later.every((request) => request.jobIds.length === 1 && request.jobIds[0] === 'slow')).toBe(true);
  });

  it('keeps a failed job on that job: the others render and the whole result is a success', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob(
      { id: 'ok', table: { 'orders.count': Int32Array.from([3]) } },
      { id: 'broken', status: 'ERROR', errorMessage: 'Column "orders.nope" not found', errorType: 'PLAN' },
      { id: 'gone', status: 'FAILED', errorMessage: 'Unable to find job' },
    );
    const { result } = renderHook(() => useQueryResults(['ok', 'broken', 'gone']), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.error).toBeNull();
    expect(result.current.jobs.map((job) => job.status)).toEqual(['complete', 'error', 'error']);
    expect(result.current.jobs[0]?.rows).toEqual([{ 'orders.count': 3 }]);
    expect(result.current.jobs[1]?.error).toMatchObject({
      kind: 'job',
      jobId: 'broken',
      omniMessage: 'Column "orders.nope" not found',
      omniErrorType: 'PLAN',
    });
    expect(result.current.jobs[2]?.error?.message).toContain('Unable to find job');
  });

  it('makes a result that cannot be decoded an error of that job only', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'good', table: { 'a.x': Int32Array.from([1]) } }, { id: 'garbled', result: 'bm90IGFycm93' });
    const { result } = renderHook(() => useQueryResults(['good', 'garbled']), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.jobs[0]?.status).toBe('complete');
    expect(result.current.jobs[1]?.status).toBe('error');
    expect(result.current.jobs[1]?.error?.kind).toBe('decode');
  });

  it('removes duplicate ids and keeps the input order', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'b', table: { 'v.b': Int32Array.from([2]) } }, { id: 'a', table: { 'v.a': Int32Array.from([1]) } });
    const { result } = renderHook(() => useQueryResults(['b', 'a', 'b']), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.jobs.map((job) => job.jobId)).toEqual(['b', 'a']);
    expect(result.current.progress.total).toBe(2);
    expect(omni.waitRequests()[0]?.jobIds).toEqual(['b', 'a']);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['[]', []],
  ])('is idle and sends nothing for %s', async (_name, ids) => {
    useFakeClock();
    const { omni, wrapper } = setupOmni();
    const { result } = renderHook(() => useQueryResults(ids), { wrapper });
    expect(result.current).toMatchObject({ status: 'idle', isComplete: false, jobs: [], error: null, isFetching: false });
    await expectNoMoreRequests(omni.requests);
    expect(result.current.status).toBe('idle');
    expect(omni.requests).toHaveLength(0);
  });

  it('is idle and sends nothing when disabled, and starts when enabled', async () => {
    useFakeClock();
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'later', table: { 'v.x': Int32Array.from([1]) } });
    const { result, rerender } = renderHook(({ enabled }) => useQueryResults(['later'], { enabled }), {
      wrapper,
      initialProps: { enabled: false },
    });
    await expectNoMoreRequests(omni.requests);
    expect(result.current.status).toBe('idle');
    expect(omni.requests).toHaveLength(0);
    rerender({ enabled: true });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(omni.requests).toHaveLength(1);
  });

  it.each([
    ['an empty id', ['ok', '']],
    ['a number', ['ok', 42]],
    ['a null id', [null]],
    ['a string instead of an array', 'ok'],
  ])('gives a clear error and sends nothing for %s', async (_name, ids) => {
    useFakeClock();
    const { omni, wrapper } = setupOmni();
    const { result } = renderHook(() => useQueryResults(ids as string[]), { wrapper });
    expect(result.current.status).toBe('error');
    expect(result.current.error?.kind).toBe('schema');
    expect(result.current.error?.message).toMatch(/must be (a non-empty string|an array of strings)/);
    expect(result.current.jobs).toEqual([]);
    expect(omni.requests).toHaveLength(0);
    await expectNoMoreRequests(omni.requests);
  });

  it('uses options.client without a provider', async () => {
    const { omni, client } = setupOmni();
    omni.addJob({ id: 'direct', table: { 'v.x': Int32Array.from([5]) } });
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useQueryResults(['direct'], { client }), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'));
    expect(result.current.jobs[0]?.rows).toEqual([{ 'v.x': 5 }]);
    queryClient.clear();
  });

  it('throws a clear error at render without a provider or a client', () => {
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => renderHook(() => useQueryResults(['x']), { wrapper })).toThrow(/OmniProvider/);
    } finally {
      quiet.mockRestore();
    }
  });
});
