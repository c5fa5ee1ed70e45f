import type { OmniError } from '../errors/OmniError.js';
import type { JobResult } from './JobResult.js';

/** Overall state of a {@link QueryResults}. */
export type QueryResultsStatus = 'idle' | 'pending' | 'success' | 'error';

/** Progress of a set of jobs. */
export interface QueryProgress {
  /** Jobs that reached a terminal state (complete or failed). */
  done: number;
  /** Distinct jobs asked for. `0` when idle. */
  total: number;
  /** Milliseconds since the first of these jobs was first requested, as of the latest update. `0` when idle. */
  elapsedMs: number;
  /** Wait requests answered so far for the slowest of these jobs. `0` before the first answer. */
  polls: number;
}

/** What {@link useQueryResults} returns. */
export interface QueryResults {
  /**
   * - `idle`: no job ids (or `enabled: false`); nothing is sent.
   * - `pending`: at least one job still runs and nothing failed request-wide.
   * - `success`: every job is terminal. Some jobs may still have failed on their own: check each job's `status`.
   * - `error`: a request-wide failure (HTTP, network, schema, timeout); see `error`. Finished jobs are kept in `jobs`.
   */
  status: QueryResultsStatus;
  /** True when every job is terminal (complete or failed). `false` when idle. */
  isComplete: boolean;
  /** One entry per distinct job id, in input order. `[]` when idle. */
  jobs: JobResult[];
  /** Ids Omni has not reported as finished: still running, or cut short by a request-wide error. `[]` when idle or complete. */
  remainingJobIds: string[];
  /** The request-wide error when `status` is `error`; `null` otherwise (a single job's failure is on that job). */
  error: OmniError | null;
  /** True while a wait request for these jobs is in flight. */
  isFetching: boolean;
  /** How far along the jobs are. */
  progress: QueryProgress;
}
