import { decodeTable } from '../decode/decodeTable.js';
import type { Int64Policy } from '../decode/DecodeOptions.js';
import { OmniError, isOmniError } from '../errors/OmniError.js';
import { isTerminalLine, jobLineFailure } from '../wire/jobStatus.js';
import type { JobRecord } from './JobRecord.js';
import type { WaitOutcome } from './WaitBatcher.js';

/**
 * Answers in a row that may leave a job out (no line, not in `remaining_job_ids`) before it counts
 * as missing. More than one, because a server may drop an id from one footer while it hands the
 * job over internally; a few, because a job nobody reports would otherwise be polled until `maxWaitMs`.
 */
export const MAX_UNREPORTED_ANSWERS = 3;

/** Context of {@link nextJobRecord}. */
export interface NextJobRecordContext {
  jobId: string;
  /** Epoch ms the job was first asked for. */
  firstRequestedAt: number;
  /** Epoch ms of this answer. */
  answeredAt: number;
  /** Int64 policy for decoding. Default `auto`. */
  int64?: Int64Policy | undefined;
}

/**
 * The record after one wait answer. A terminal line is decoded here, exactly once per job: the
 * record then never changes, so no render decodes anything. Never throws: a failed job, a decode
 * failure and a job Omni stopped reporting all become a record with `status: 'error'`.
 */
export function nextJobRecord(previous: JobRecord | undefined, outcome: WaitOutcome, context: NextJobRecordContext): JobRecord {
  const base = {
    jobId: context.jobId,
    omniStatus: previous?.omniStatus,
    line: previous?.line,
    decoded: undefined,
    int64: context.int64 ?? 'auto',
    error: undefined,
    firstRequestedAt: context.firstRequestedAt,
    answeredAt: context.answeredAt,
    polls: (previous?.polls ?? 0) + 1,
    unreported: 0,
  } satisfies Omit<JobRecord, 'status'>;

  if (outcome === 'pending') return { ...base, status: 'pending' };
  if (outcome === 'unreported') {
    const unreported = (previous?.unreported ?? 0) + 1;
    if (unreported < MAX_UNREPORTED_ANSWERS) return { ...base, status: 'pending', unreported };
    const error = new OmniError(
      'job',
      `Omni no longer reports job ${context.jobId}: ${unreported} answers in a row neither finished it nor listed it as remaining`,
      { jobId: context.jobId },
    );
    return { ...base, status: 'error', unreported, error };
  }

  const { result, ...line } = outcome;
  const withLine = { ...base, omniStatus: outcome.status, line };
  if (!isTerminalLine(outcome)) return { ...withLine, status: 'pending' };
  const failure = jobLineFailure(outcome);
  if (failure !== undefined) return { ...withLine, status: 'error', error: failure };
  if (outcome.status !== 'COMPLETE') return { ...withLine, status: 'complete' };
  if (result === undefined || result === '') {
    const error = new OmniError('decode', `Omni reported job ${context.jobId} as COMPLETE but sent no result`, {
      jobId: context.jobId,
    });
    return { ...withLine, status: 'error', error };
  }
  try {
    const decoded = decodeTable(result, { jobId: context.jobId, int64: base.int64 });
    return { ...withLine, status: 'complete', decoded };
  } catch (cause) {
    return { ...withLine, status: 'error', error: asDecodeError(cause, context.jobId) };
  }
}

function asDecodeError(cause: unknown, jobId: string): OmniError {
  if (isOmniError(cause)) return cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OmniError('decode', `Could not decode the result of job ${jobId}: ${reason}`, { jobId, cause });
}
