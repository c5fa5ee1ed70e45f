import { render, renderHook, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RETRY_LIMITS } from '../../src/client/retryPolicy.js';
import type { QueryResults } from '../../src/results/OmniJobsResult.js';
import { useQueryResults } from '../../src/react/useQueryResults.js';
import { expectNoMoreRequests, setupOmni, Tile, TOKEN, useFakeClock } from '../support/omniTest.js';

const table = { 'orders.count': Int32Array.from([42]) };

describe('useQueryResults: request failures', () => {
  it('shows a 403 as a readable error without retrying it', async () => {
    useFakeClock();
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'a', table });
    omni.setToken('a-different-token');
    const { result } = renderHook(() => useQueryResults(['a']), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'));
    expect(result.current.error).toMatchObject({ kind: 'http', status: 403 });
    expect(result.current.error?.message).toContain('Invalid bearer token');
    expect(result.current.error?.message).not.toContain(TOKEN);
    expect(result.current.jobs[0]).toMatchObject({ jobId: 'a', status: 'error' });
    expect(omni.requests).toHaveLength(1);
    await expectNoMoreRequests(omni.requests);
    expect(result.current.status).toBe('error');
  });

  it('waits for Retry-After after a 429, then loads', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'a', table });
    omni.failNext({ status: 429, headers: { 'Retry-After': '1' }, body: { error: 'Too many requests', success: false } });
    const { result } = renderHook(() => useQueryResults(['a']), { wrapper });
    await waitFor(() => expect(omni.requests).toHaveLength(1));
    expect(result.current.status).toBe('pending');
    await waitFor(() => expect(result.current.status).toBe('success'), { timeout: 4_000 });
    expect(omni.requests.map((request) => request.status)).toEqual([429, 200]);
    expect(result.current.jobs[0]?.rows).toEqual([{ 'orders.count': 42 }]);
  });

  it('retries a 5xx a bounded number of times, then reports it', async () => {
    useFakeClock();
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'a', table });
    omni.failNext({ status: 503, headers: { 'Retry-After': '0' }, body: 'Service Unavailable' }, 20);
    const { result } = renderHook(() => useQueryResults(['a']), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('error'), { timeout: 4_000 });
    expect(result.current.error).toMatchObject({ kind: 'http', status: 503 });
    expect(omni.requests).toHaveLength(1 + RETRY_LIMITS.transient);
    await expectNoMoreRequests(omni.requests);
  });

  it('recovers from a 502 HTML page of a proxy and from a network error', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'a', table });
    omni.failNext({
      status: 502,
      headers: { 'Content-Type': 'text/html', 'Retry-After': '0' },
      body: '<html><h1>502 Bad Gateway</h1></html>',
    });
    omni.failNext('network');
    const { result } = renderHook(() => useQueryResults(['a']), { wrapper });
    await waitFor(() => expect(result.current.status).toBe('success'), { timeout: 4_000 });
    expect(omni.requests.map((request) => request.status)).toEqual([502, 0, 200]);
  });

  it('keeps the jobs that arrived before a mid-stream failure, and gets the others on the retry', async () => {
    const { omni, wrapper } = setupOmni();
    omni.addJob({ id: 'early', table }, { id: 'late', table: { 'orders.sum': Float64Array.from([2.5]) }, finishAfterPolls: 1 });
    omni.failNext({ midStream: { message: 'Internal error', reason: 'worker restarted' }, trailingNewline: false });
    const seen: QueryResults[] = [];
    const { result } = renderHook(
      () => {
        const results = useQueryResults(['early', 'late']);
        seen.push(results);
        return results;
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.status).toBe('success'), { timeout: 4_000 });
    expect(result.current.jobs.map((job) => job.rows)).toEqual([[{ 'orders.count': 42 }], [{ 'orders.sum': 2.5 }]]);
    // The early job never went back to pending: its rows stayed while the late one was retried.
    const firstWithEarly = seen.findIndex((results) => results.jobs[0]?.status === 'complete');
    expect(seen.slice(firstWithEarly).every((results) => results.jobs[0]?.status === 'complete')).toBe(true);
    expect(omni.waitRequests()).toHaveLength(2);
    expect(omni.waitRequests()[1]?.jobIds).toEqual(['late']);
  });

  it('turns one 429 for a 30-tile dashboard into one retry request, not thirty', async () => {
    const { omni, wrapper: Wrapper } = setupOmni();
    const ids = Array.from({ length: 30 }, (_, index) => `tile-${index}`);
    for (const id of ids) omni.addJob({ id, table: { [`${id}.value`]: Int32Array.from([1]) } });
    omni.failNext({ status: 429, headers: { 'Retry-After': '1' } });
    render(
      <Wrapper>
        {ids.map((id) => (
          <Tile key={id} name={id} jobIds={[id]} />
        ))}
      </Wrapper>,
    );
    await waitFor(() => expect(screen.getAllByText(/^success/)).toHaveLength(30), { timeout: 15_000 });
    expect(omni.requests).toHaveLength(2);
    expect(omni.requests.map((request) => request.status)).toEqual([429, 200]);
    expect(omni.requests[1]?.jobIds).toHaveLength(30);
    expect(omni.maxInFlight).toBe(1);
    // Thirty tiles take seconds on a busy 2-core machine: a generous limit, not a timing assertion.
  }, 20_000);
});
