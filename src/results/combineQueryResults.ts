import type { QueryObserverResult } from '@tanstack/react-query';
import type { OmniError } from '../errors/OmniError.js';
import type { JobRecord } from '../wait/JobRecord.js';
import type { JobResult } from './JobResult.js';
import { jobResultView } from './jobResultView.js';
import type { OmniJobsResult, OmniJobsIdleResult } from './OmniJobsResult.js';

/** The parts of one job query's state that {@link combineQueryResults} reads (and so subscribes to). */
export type JobQueryState = Pick<QueryObserverResult<JobRecord, OmniError>, 'data' | 'error' | 'status' | 'fetchStatus'>;

/** Nothing asked: the result for `null`/`[]` ids and `enabled: false`. */
export function idleQueryResults(): OmniJobsIdleResult {
  return {
    status: 'idle',
    isComplete: false,
    jobs: [],
    remainingJobIds: [],
    error: null,
    isFetching: false,
    progress: { done: 0, total: 0, startedAt: 0, elapsedMs: 0, polls: 0 },
  };
}

/** Ids that cannot be asked for: an error, and nothing sent. */
export function invalidQueryResults(error: OmniError): OmniJobsResult {
  return { ...idleQueryResults(), status: 'error', isComplete: false, error };
}

/**
 * Folds the query states of the jobs (in the order of `jobIds`) into one {@link OmniJobsResult}.
 * Runs on every update of any job, so it only reads records and memoised views: no decoding, no
 * clock (`elapsedMs` is measured between recorded answers, so the same states give equal results).
 *
 * @param pendingViews per-id cache of views for jobs without any answer yet, kept by the caller
 *   so that such jobs keep their identity across updates.
 * @param askedAt epoch ms these ids were first asked for by the caller: `progress.startedAt` until
 *   an answer tells when each job was first requested.
 */
export function combineQueryResults(
  jobIds: readonly string[],
  states: readonly JobQueryState[],
  includeInternalColumns: boolean,
  pendingViews: Map<string, JobResult> = new Map(),
  askedAt = Infinity,
): OmniJobsResult {
  const jobs: JobResult[] = [];
  const remainingJobIds: string[] = [];
  let error: OmniError | null = null;
  let isFetching = false;
  let done = 0;
  let polls = 0;
  let firstRequestedAt = Infinity;
  let lastAnsweredAt = -Infinity;

  jobIds.forEach((jobId, index) => {
    const state = states[index];
    const record = state?.data;
    if (state?.fetchStatus === 'fetching') isFetching = true;
    if (record !== undefined) {
      polls = Math.max(polls, record.polls);
      firstRequestedAt = Math.min(firstRequestedAt, record.firstRequestedAt);
      lastAnsweredAt = Math.max(lastAnsweredAt, record.answeredAt);
    }
    const finished = record !== undefined && record.status !== 'pending';
    if (finished) done += 1;
    else remainingJobIds.push(jobId);

    if (state?.status === 'error' && state.error !== null && !finished) {
      error ??= state.error;
      jobs.push(jobResultView(jobId, record, includeInternalColumns, state.error));
    } else if (record === undefined) {
      let view = pendingViews.get(jobId);
      if (view === undefined) {
        view = jobResultView(jobId, undefined, includeInternalColumns);
        pendingViews.set(jobId, view);
      }
      jobs.push(view);
    } else {
      jobs.push(jobResultView(jobId, record, includeInternalColumns));
    }
  });

  if (jobIds.length === 0) return idleQueryResults();
  const startedAt = Math.min(firstRequestedAt, askedAt);
  const progress = {
    done,
    total: jobIds.length,
    startedAt: Number.isFinite(startedAt) ? startedAt : 0,
    elapsedMs: Number.isFinite(firstRequestedAt) ? Math.max(0, lastAnsweredAt - firstRequestedAt) : 0,
    polls,
  };
  const common = { jobs, isFetching, progress };
  if (error !== null) return { ...common, status: 'error', isComplete: remainingJobIds.length === 0, remainingJobIds, error };
  if (remainingJobIds.length === 0) return { ...common, status: 'success', isComplete: true, remainingJobIds: [], error: null };
  return { ...common, status: 'pending', isComplete: false, remainingJobIds, error: null };
}
