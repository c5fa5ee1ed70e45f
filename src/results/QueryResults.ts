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
  /**
   * Epoch ms the first of these jobs was first asked for (for a query's job: when its run was sent),
   * so a tile can show a ticking clock while Omni is silent. `0` when idle.
   */
  startedAt: number;
  /** Milliseconds since the first of these jobs was first requested, as of the latest answer. `0` when idle. */
  elapsedMs: number;
  /** Wait requests answered so far for the slowest of these jobs. `0` before the first answer. */
  polls: number;
}

/** What every state of {@link QueryResults} has. */
export interface QueryResultsBase {
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
  /** True while a wait request for these jobs is in flight. `false` when idle. */
  isFetching: boolean;
  /** How far along the jobs are. Zeros when idle. */
  progress: QueryProgress;
}

/** No job ids, or `enabled: false`: nothing is sent. */
export interface QueryResultsIdle extends QueryResultsBase {
  status: 'idle';
  isComplete: false;
  error: null;
}

/** At least one job still runs, and nothing failed request-wide. */
export interface QueryResultsPending extends QueryResultsBase {
  status: 'pending';
  isComplete: false;
  error: null;
}

/** Every job is terminal; each job's own `status` says whether it completed or failed. */
export interface QueryResultsSuccess extends QueryResultsBase {
  status: 'success';
  isComplete: true;
  remainingJobIds: [];
  error: null;
}

/** A request-wide failure (or invalid ids: kind `schema`, nothing sent). Finished jobs stay in `jobs`. */
export interface QueryResultsError extends QueryResultsBase {
  status: 'error';
  error: OmniError;
}

/**
 * What {@link useQueryResults} returns: a union on `status`, so `status === 'error'` narrows
 * `error` to an `OmniError` and `status === 'success'` narrows `isComplete` to `true`.
 */
export type QueryResults = QueryResultsIdle | QueryResultsPending | QueryResultsSuccess | QueryResultsError;
