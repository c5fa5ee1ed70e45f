import type { OmniJobsIdleResult, OmniJobsSuccessResult } from '../results/OmniJobsResult.js';
import { useBaseQueryResults } from './useBaseQueryResults.js';
import type { UseQueryResultsOptions } from './useQueryResults.js';

/** Options of {@link useSuspenseQueryResults}: those of `useQueryResults` without `enabled`, which Suspense cannot honour. */
export type UseSuspenseQueryResultsOptions = Omit<UseQueryResultsOptions, 'enabled'>;

/**
 * `useQueryResults` for Suspense: suspends until every job is terminal, then returns
 * `status: 'success'` (`'idle'` for no ids). Request-wide failures (`http`, `network`, `schema`,
 * `timeout`) and invalid ids are thrown to the nearest error boundary; a job that failed on its own
 * stays data, on that job. The same hook as `useQueryResults` underneath: the same job entries and
 * wait requests, no entry of its own.
 */
export function useSuspenseQueryResults(
  jobIds: readonly string[],
  options: UseSuspenseQueryResultsOptions = {},
): OmniJobsSuccessResult | OmniJobsIdleResult {
  return useBaseQueryResults(jobIds, options, true);
}
