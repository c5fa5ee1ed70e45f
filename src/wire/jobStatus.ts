import { OmniError } from '../errors/OmniError.js';
import type { JobLine } from './jobLineSchema.js';

/** Omni statuses after which a job never changes again. Anything else, known or new, is still running. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['COMPLETE', 'ERROR', 'FAILED', 'MISSING']);

/**
 * The `error_type` of a job line this library made up because Omni's line for that job failed the
 * wire schema (see `invalidJobLine`). Chosen so that it cannot clash with Omni's own types (`PLAN`,
 * `KILL`, …). {@link jobLineFailure} turns such a line into an `OmniError` of kind `schema`.
 */
export const INVALID_JOB_LINE = 'omni-query-hooks:INVALID_JOB_LINE';

/** True when Omni will send nothing more for this job: a terminal status, or the terminal answer of a plan-only run. */
export function isTerminalLine(line: JobLine): boolean {
  if (TERMINAL_STATUSES.has(line.status)) return true;
  // A planOnly run ends in PLANNED with a summary and no result.
  return line.status === 'PLANNED' && line.summary !== undefined && !line.result;
}

/**
 * The failure a terminal line reports, or `undefined` when it succeeded. A `COMPLETE` line whose
 * `display_sql` says "Failed to plan query" is a failure too: Omni reports plan errors that way.
 * A line made up for a job whose real line failed the wire schema ({@link INVALID_JOB_LINE}) gives
 * an error of kind `schema` with that job's id; every other failure is of kind `job`.
 */
export function jobLineFailure(line: JobLine): OmniError | undefined {
  if (line.errorType === INVALID_JOB_LINE) {
    return new OmniError('schema', line.errorMessage ?? `Omni sent an invalid line for job ${line.jobId}`, {
      jobId: line.jobId,
    });
  }
  const omniMessage = line.errorMessage ?? line.error ?? line.killReason;
  if (line.status === 'COMPLETE' || line.status === 'PLANNED') {
    const sql = line.summary?.displaySql;
    if (sql !== undefined && sql.includes('Failed to plan query')) {
      return new OmniError('job', `Omni could not plan job ${line.jobId}: ${firstLine(sql)}`, {
        jobId: line.jobId,
        omniMessage: omniMessage ?? firstLine(sql),
        omniErrorType: line.errorType ?? 'PLAN',
      });
    }
    return undefined;
  }
  if (!TERMINAL_STATUSES.has(line.status)) return undefined;
  const what = line.status === 'MISSING' ? 'is missing' : line.status === 'FAILED' ? 'failed' : 'ended with an error';
  return new OmniError('job', `Omni job ${line.jobId} ${what}${omniMessage ? `: ${omniMessage}` : ''}`, {
    jobId: line.jobId,
    omniMessage,
    omniErrorType: line.errorType,
  });
}

function firstLine(text: string): string {
  const line = text.split('\n').find((part) => part.trim() !== '') ?? text;
  return line.trim().slice(0, 300);
}
