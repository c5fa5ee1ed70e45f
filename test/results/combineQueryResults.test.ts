import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it, vi } from 'vitest';
import { OmniError } from '../../src/errors/OmniError.js';
import { combineQueryResults, type JobQueryState } from '../../src/results/combineQueryResults.js';
import type { JobRecord } from '../../src/wait/JobRecord.js';
import type { JobResult } from '../../src/results/JobResult.js';
import { nextJobRecord } from '../../src/wait/nextJobRecord.js';
import { arrowBase64 } from '../fakeOmni.js';
import { line } from '../wait/fakeWaitClient.js';

const payload = arrowBase64(
  tableFromArrays({
    'orders.id': Int32Array.from([1, 2]),
    'orders.total': Float64Array.from([9.5, 3]),
    ssort_0: Int32Array.from([0, 1]),
  }),
);
const fields = ['orders.id', 'orders.total'];

function complete(jobId: string, at = { firstRequestedAt: 1_000, answeredAt: 4_000 }): JobRecord {
  return nextJobRecord(undefined, line(jobId, 'COMPLETE', { result: payload, query: { model_job: { fields } } }), {
    jobId,
    ...at,
  });
}
const success = (data: JobRecord): JobQueryState => ({ data, error: null, status: 'success', fetchStatus: 'idle' });
const loading: JobQueryState = { data: undefined, error: null, status: 'pending', fetchStatus: 'fetching' };

describe('combineQueryResults', () => {
  it('is idle for no ids', () => {
    expect(combineQueryResults([], [], false)).toMatchObject({ status: 'idle', isComplete: false, jobs: [], error: null });
  });

  it('shows a finished job while another is still pending (partial results)', () => {
    const results = combineQueryResults(['a', 'b'], [success(complete('a')), loading], false);
    expect(results.status).toBe('pending');
    expect(results.isComplete).toBe(false);
    expect(results.isFetching).toBe(true);
    expect(results.remainingJobIds).toEqual(['b']);
    expect(results.jobs.map((job) => job.status)).toEqual(['complete', 'pending']);
    expect(results.jobs[0]!.rows).toEqual([
      { 'orders.id': 1, 'orders.total': 9.5 },
      { 'orders.id': 2, 'orders.total': 3 },
    ]);
    expect(results.jobs[1]).toMatchObject({ jobId: 'b', rows: [], columns: {}, fields: [], numRows: 0, missingFields: [] });
    expect(results.progress).toMatchObject({ done: 1, total: 2 });
  });

  it('keeps a failed job on that job only; the whole result is a success once every job ended', () => {
    const failed = nextJobRecord(undefined, line('b', 'ERROR', { error_message: 'Column not found' }), {
      jobId: 'b',
      firstRequestedAt: 1_000,
      answeredAt: 2_000,
    });
    const results = combineQueryResults(['a', 'b'], [success(complete('a')), success(failed)], false);
    expect(results.status).toBe('success');
    expect(results.isComplete).toBe(true);
    expect(results.error).toBeNull();
    expect(results.jobs[1]).toMatchObject({ status: 'error', omniStatus: 'ERROR', rows: [] });
    expect(results.jobs[1]!.error?.message).toContain('Column not found');
  });

  it('reports a request-wide error on the whole result and on the unfinished jobs, keeping finished ones', () => {
    const denied = new OmniError('http', 'Invalid bearer token', { status: 403 });
    const timeout = new OmniError('timeout', 'too slow', { jobId: 'c' });
    const pendingRecord = nextJobRecord(undefined, 'pending', { jobId: 'c', firstRequestedAt: 0, answeredAt: 1 });
    const results = combineQueryResults(
      ['a', 'b', 'c'],
      [
        success(complete('a')),
        { data: undefined, error: denied, status: 'error', fetchStatus: 'idle' },
        { data: pendingRecord, error: timeout, status: 'error', fetchStatus: 'idle' },
      ],
      false,
    );
    expect(results.status).toBe('error');
    expect(results.error).toBe(denied);
    expect(results.jobs.map((job) => job.status)).toEqual(['complete', 'error', 'error']);
    expect(results.jobs[2]!.error).toBe(timeout);
    expect(results.jobs[0]!.numRows).toBe(2);
    expect(results.remainingJobIds).toEqual(['b', 'c']);
  });

  it('measures progress from recorded times and polls, so equal states give equal results', () => {
    const slow = nextJobRecord(
      nextJobRecord(undefined, 'pending', { jobId: 'b', firstRequestedAt: 500, answeredAt: 3_000 }),
      'pending',
      { jobId: 'b', firstRequestedAt: 500, answeredAt: 6_000 },
    );
    const states = [success(complete('a')), success(slow)];
    const first = combineQueryResults(['a', 'b'], states, false);
    expect(first.progress).toEqual({ done: 1, total: 2, startedAt: 500, elapsedMs: 5_500, polls: 2 });
    expect(combineQueryResults(['a', 'b'], states, false)).toEqual(first);
  });

  it('keeps the identity of unchanged jobs across updates', () => {
    const record = complete('a');
    const pendingViews = new Map<string, JobResult>();
    const first = combineQueryResults(['a', 'b'], [success(record), loading], false, pendingViews);
    const second = combineQueryResults(['a', 'b'], [success(record), { ...loading, fetchStatus: 'idle' }], false, pendingViews);
    expect(second.jobs[0]).toBe(first.jobs[0]);
    expect(second.jobs[1]).toBe(first.jobs[1]);
  });

  it('hides internal columns unless asked, sharing the decoded table between both views', () => {
    const record = complete('a');
    const visible = combineQueryResults(['a'], [success(record)], false).jobs[0]!;
    const all = combineQueryResults(['a'], [success(record)], true).jobs[0]!;
    expect(visible.fields.map((field) => field.name)).toEqual(['orders.id', 'orders.total']);
    expect(all.fields.map((field) => field.name)).toEqual(['orders.id', 'orders.total', 'ssort_0']);
    expect(all.table).toBe(visible.table);
    expect(all.columns['orders.id']).toBe(visible.columns['orders.id']);
  });

  it('converts nothing while combining; columns convert on first read, and a spread job has its rows', () => {
    const record = complete('a');
    const values = vi.spyOn(record.decoded!, 'values');
    const job = combineQueryResults(['a'], [success(record)], false).jobs[0]!;
    expect(values).not.toHaveBeenCalled();
    expect(Array.from(job.columns['orders.total']!)).toEqual([9.5, 3]);
    expect(values).toHaveBeenCalledTimes(1);
    const copy = { ...job };
    expect(copy.rows).toHaveLength(2);
    expect(Object.keys(copy)).toEqual(expect.arrayContaining(['rows', 'columns', 'fields', 'jobId', 'status']));
  });

  it('surfaces fields Omni dropped on the job', () => {
    const record = nextJobRecord(
      undefined,
      line('a', 'COMPLETE', { result: payload, summary: { missing_fields: ['orders.gone'] } }),
      { jobId: 'a', firstRequestedAt: 0, answeredAt: 0 },
    );
    expect(combineQueryResults(['a'], [success(record)], false).jobs[0]!.missingFields).toEqual(['orders.gone']);
  });
});
