import type { OmniError } from '../errors/OmniError.js';
import type { JobResult } from './JobResult.js';

/** Overall state of a {@link OmniJobsResult}. */
export type OmniJobsStatus = 'idle' | 'pending' | 'success' | 'error';

/** Progress of a set of jobs. */
export interface OmniJobsProgress {
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

/** What every state of {@link OmniJobsResult} has. */
export interface OmniJobsResultBase {
  /**
   * - `idle`: no job ids (or `enabled: false`); nothing is sent.
   * - `pending`: at least one job still runs and nothing failed request-wide.
   * - `success`: every job is terminal. Some jobs may still have failed on their own: check each job's `status`.
   * - `error`: a request-wide failure (HTTP, network, schema, timeout); see `error`. Finished jobs are kept in `jobs`.
   */
  status: OmniJobsStatus;
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
  progress: OmniJobsProgress;
}

/** No job ids, or `enabled: false`: nothing is sent. */
export interface OmniJobsIdleResult extends OmniJobsResultBase {
  status: 'idle';
  isComplete: false;
  error: null;
}

/** At least one job still runs, and nothing failed request-wide. */
export interface OmniJobsPendingResult extends OmniJobsResultBase {
  status: 'pending';
  isComplete: false;
  error: null;
}

/** Every job is terminal; each job's own `status` says whether it completed or failed. */
export interface OmniJobsSuccessResult extends OmniJobsResultBase {
  status: 'success';
  isComplete: true;
  remainingJobIds: [];
  error: null;
}

/** A request-wide failure (or invalid ids: kind `schema`, nothing sent). Finished jobs stay in `jobs`. */
export interface OmniJobsErrorResult extends OmniJobsResultBase {
  status: 'error';
  error: OmniError;
}

/**
 * What {@link useQueryResults} returns: a union on `status`, so `status === 'error'` narrows
 * `error` to an `OmniError` and `status === 'success'` narrows `isComplete` to `true`.
 */
export type OmniJobsResult = OmniJobsIdleResult | OmniJobsPendingResult | OmniJobsSuccessResult | OmniJobsErrorResult;

// The names of the first release, kept for one more: the family now reads like OmniQueryResult's.
/** @deprecated Use {@link OmniJobsResult}. */
export type QueryResults = OmniJobsResult;
/** @deprecated Use {@link OmniJobsStatus}. */
export type QueryResultsStatus = OmniJobsStatus;
/** @deprecated Use {@link OmniJobsProgress}. */
export type QueryProgress = OmniJobsProgress;
/** @deprecated Use {@link OmniJobsResultBase}. */
export type QueryResultsBase = OmniJobsResultBase;
/** @deprecated Use {@link OmniJobsIdleResult}. */
export type QueryResultsIdle = OmniJobsIdleResult;
/** @deprecated Use {@link OmniJobsPendingResult}. */
export type QueryResultsPending = OmniJobsPendingResult;
/** @deprecated Use {@link OmniJobsSuccessResult}. */
export type QueryResultsSuccess = OmniJobsSuccessResult;
/** @deprecated Use {@link OmniJobsErrorResult}. */
export type QueryResultsError = OmniJobsErrorResult;
