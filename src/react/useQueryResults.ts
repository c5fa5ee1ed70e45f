import type { OmniClient } from '../client/OmniClient.js';
import type { OmniJobsResult } from '../results/OmniJobsResult.js';
import type { QueryResultsOptionsInput } from '../results/queryResultsOptions.js';
import { useBaseQueryResults } from './useBaseQueryResults.js';

/** Options of {@link useQueryResults}. */
export interface UseQueryResultsOptions extends QueryResultsOptionsInput {
  /** The client to use instead of the nearest `OmniProvider`'s. */
  client?: OmniClient;
}

/**
 * Follows Omni jobs until they finish and returns their decoded results, job by job as each ends.
 *
 * Every job of every component using the same client shares one wait request per poll; the same job
 * in two components is one cache entry. Unmounting, or changing `jobIds`, aborts the wait of the
 * jobs nobody watches any more. `null`, `undefined` or `[]` is idle; invalid ids give
 * `status: 'error'` without sending anything. See `queryResultsOptions` for the details.
 *
 * @throws Error at render when there is no client (no `OmniProvider` and no `options.client`).
 */
export function useQueryResults(
  jobIds: readonly string[] | null | undefined,
  options: UseQueryResultsOptions = {},
): OmniJobsResult {
  return useBaseQueryResults(jobIds, options, false);
}
