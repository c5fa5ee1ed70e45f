import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { MAX_UNREPORTED_ANSWERS, nextJobRecord } from '../../src/wait/nextJobRecord.js';
import type { JobRecord } from '../../src/wait/JobRecord.js';
import { arrowBase64 } from '../fakeOmni.js';
import { line } from './fakeWaitClient.js';

const context = { jobId: 'a', firstRequestedAt: 1_000, answeredAt: 2_000 };
const payload = arrowBase64(tableFromArrays({ 'orders.id': Int32Array.from([1, 2, 3]) }));

describe('nextJobRecord', () => {
  it('counts polls and keeps the first request time while pending', () => {
    const first = nextJobRecord(undefined, 'pending', context);
    expect(first).toMatchObject({ jobId: 'a', status: 'pending', polls: 1, firstRequestedAt: 1_000, answeredAt: 2_000 });
    const second = nextJobRecord(first, 'pending', { ...context, answeredAt: 3_000 });
    expect(second).toMatchObject({ status: 'pending', polls: 2, answeredAt: 3_000 });
    expect(second).not.toBe(first);
  });

  it('shows the Omni status of a non-terminal line and keeps it on later pending answers', () => {
    const running = nextJobRecord(undefined, line('a', 'EXECUTING'), context);
    expect(running).toMatchObject({ status: 'pending', omniStatus: 'EXECUTING' });
    expect(nextJobRecord(running, 'pending', context).omniStatus).toBe('EXECUTING');
  });

  it('treats an unknown status as still running', () => {
    expect(nextJobRecord(undefined, line('a', 'WARMING_UP'), context).status).toBe('pending');
  });

  it('decodes a COMPLETE line once, into the record, and drops the base64 from the kept line', () => {
    const record = nextJobRecord(undefined, line('a', 'COMPLETE', { result: payload }), context);
    expect(record.status).toBe('complete');
    expect(record.decoded?.numRows).toBe(3);
    expect(record.decoded?.values(0)).toEqual([1, 2, 3]);
    expect(record.line).toBeDefined();
    expect(record.line && 'result' in record.line).toBe(false);
    expect(JSON.stringify(record.line)).not.toContain(payload.slice(0, 20));
  });

  it('decodes with the asked Int64 policy', () => {
    const record = nextJobRecord(undefined, line('a', 'COMPLETE', { result: payload }), { ...context, int64: 'string' });
    expect(record.int64).toBe('string');
    expect(record.decoded?.int64).toBe('string');
  });

  it.each([
    ['ERROR', { error_message: 'Column not found', error_type: 'PLAN' }, 'Column not found'],
    ['FAILED', { error_message: 'Unable to find job' }, 'Unable to find job'],
    ['MISSING', {}, 'is missing'],
    ['COMPLETE', { summary: { display_sql: 'Failed to plan query: no such field' } }, 'could not plan'],
  ])('makes a %s line a job error on the record, not a thrown error', (status, extra, text) => {
    const record = nextJobRecord(undefined, line('a', status, extra), context);
    expect(record.status).toBe('error');
    expect(record.error?.kind).toBe('job');
    expect(record.error?.jobId).toBe('a');
    expect(record.error?.message).toContain(text);
    expect(record.decoded).toBeUndefined();
  });

  it.each([
    ['no result', {}],
    ['an empty result', { result: '' }],
    ['invalid base64', { result: '!!!not base64!!!' }],
    ['a truncated Arrow stream', { result: payload.slice(0, 40) }],
  ])('makes a COMPLETE line with %s a decode error of that job', (_what, extra) => {
    const record = nextJobRecord(undefined, line('a', 'COMPLETE', extra), context);
    expect(record.status).toBe('error');
    expect(record.error?.kind).toBe('decode');
    expect(record.error?.jobId).toBe('a');
  });

  it('makes the terminal PLANNED line of a plan-only run complete, with its summary and no table', () => {
    const record = nextJobRecord(undefined, line('a', 'PLANNED', { summary: { display_sql: 'SELECT 1' } }), context);
    expect(record.status).toBe('complete');
    expect(record.decoded).toBeUndefined();
    expect(record.line?.summary?.displaySql).toBe('SELECT 1');
  });

  it(`counts a job missing after ${MAX_UNREPORTED_ANSWERS} answers in a row that leave it out`, () => {
    let record: JobRecord | undefined;
    for (let answer = 1; answer < MAX_UNREPORTED_ANSWERS; answer += 1) {
      record = nextJobRecord(record, 'unreported', context);
      expect(record.status).toBe('pending');
      expect(record.unreported).toBe(answer);
    }
    record = nextJobRecord(record, 'unreported', context);
    expect(record.status).toBe('error');
    expect(record.error?.kind).toBe('job');
    expect(record.error?.message).toContain('no longer reports job a');
  });

  it('resets the unreported streak when the job is listed again', () => {
    const once = nextJobRecord(undefined, 'unreported', context);
    const listed = nextJobRecord(once, 'pending', context);
    expect(listed.unreported).toBe(0);
    let record = listed;
    for (let answer = 1; answer < MAX_UNREPORTED_ANSWERS; answer += 1) record = nextJobRecord(record, 'unreported', context);
    expect(record.status).toBe('pending');
  });
});
