import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useQueryResults } from '../../src/react/useQueryResults.js';
import { setupOmni } from '../support/omniTest.js';

describe('useQueryResults reads both body shapes', () => {
  it.each([
    ['NDJSON with a string timed_out', 'ndjson'],
    ['single JSON with a boolean timed_out', 'json'],
  ] as const)('follows a job through timed-out polls to its rows: %s', async (_name, format) => {
    const { omni, wrapper } = setupOmni({ fake: { format } });
    omni.addJob({
      id: 'job-1',
      table: { 'orders.id': Int32Array.from([1, 2, 3]), 'orders.status': ['new', 'paid', 'new'] },
      labels: { 'orders.id': 'Order ID' },
      finishAfterPolls: 2,
      arrowFormat: 'stream',
    });
    const { result } = renderHook(() => useQueryResults(['job-1']), { wrapper });
    expect(result.current.status).toBe('pending');
    await waitFor(() => expect(result.current.status).toBe('success'));
    const [job] = result.current.jobs;
    expect(job?.rows).toEqual([
      { 'orders.id': 1, 'orders.status': 'new' },
      { 'orders.id': 2, 'orders.status': 'paid' },
      { 'orders.id': 3, 'orders.status': 'new' },
    ]);
    expect(job?.fields.find((field) => field.name === 'orders.id')?.label).toBe('Order ID');
    expect(result.current.isComplete).toBe(true);
    expect(result.current.remainingJobIds).toEqual([]);
    expect(result.current.progress).toMatchObject({ done: 1, total: 1, polls: 3 });
    // Two timed-out polls, then the answer: each poll is one wait request for the job.
    const waits = omni.waitRequests();
    expect(waits.map((request) => request.jobIds)).toEqual([['job-1'], ['job-1'], ['job-1']]);
  });
});
