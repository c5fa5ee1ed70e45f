import { describe, expect, it } from 'vitest';
import { INVALID_JOB_LINE, isTerminalLine, jobLineFailure } from '../../src/wire/jobStatus.js';
import { jobLineSchema } from '../../src/wire/jobLineSchema.js';

const line = (raw: Record<string, unknown>) => jobLineSchema.parse({ job_id: 'j', ...raw });

describe('isTerminalLine', () => {
  it.each(['COMPLETE', 'ERROR', 'FAILED', 'MISSING'])('%s is terminal', (status) => {
    expect(isTerminalLine(line({ status }))).toBe(true);
  });

  it.each(['ADDED', 'PLANNING', 'PLANNING_COMPLETE', 'PLANNED', 'EXECUTING', 'SOMETHING_NEW', ''])(
    '%j is still running',
    (status) => {
      expect(isTerminalLine(line({ status }))).toBe(false);
    },
  );

  it('PLANNED with a summary and no result is the end of a planOnly run', () => {
    expect(isTerminalLine(line({ status: 'PLANNED', summary: { display_sql: 'SELECT 1' } }))).toBe(true);
    expect(isTerminalLine(line({ status: 'PLANNED', summary: {}, result: '/////' }))).toBe(false);
  });
});

describe('jobLineFailure', () => {
  it('is undefined for a successful line and for a running one', () => {
    expect(jobLineFailure(line({ status: 'COMPLETE', result: '/////' }))).toBeUndefined();
    expect(jobLineFailure(line({ status: 'EXECUTING' }))).toBeUndefined();
  });

  it.each([
    ['ERROR', 'ended with an error'],
    ['FAILED', 'failed'],
    ['MISSING', 'is missing'],
  ])("turns %s into a job error with Omni's message", (status, words) => {
    const error = jobLineFailure(line({ status, error_message: 'Boom', error_type: 'KILL' }));
    expect(error).toMatchObject({
      kind: 'job',
      jobId: 'j',
      omniMessage: 'Boom',
      omniErrorType: 'KILL',
      message: `Omni job j ${words}: Boom`,
    });
  });

  it('falls back to error and kill_reason for the message', () => {
    expect(jobLineFailure(line({ status: 'ERROR', error: { code: 1 } }))?.omniMessage).toBe('{"code":1}');
    expect(jobLineFailure(line({ status: 'FAILED', kill_reason: 'user cancelled' }))?.omniMessage).toBe('user cancelled');
  });

  it('reads "Failed to plan query" in display_sql as a plan failure', () => {
    const error = jobLineFailure(
      line({ status: 'COMPLETE', summary: { display_sql: '\n-- Failed to plan query: field x\nSELECT' } }),
    );
    expect(error).toMatchObject({ kind: 'job', omniErrorType: 'PLAN', omniMessage: '-- Failed to plan query: field x' });
  });

  it('gives a schema error for a line made up for a broken one', () => {
    const error = jobLineFailure(line({ status: 'FAILED', error_type: INVALID_JOB_LINE, error_message: 'bad summary' }));
    expect(error).toMatchObject({ kind: 'schema', jobId: 'j', message: 'bad summary' });
  });
});
