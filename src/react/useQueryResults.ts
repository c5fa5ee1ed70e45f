import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { OmniClient } from '../client/OmniClient.js';
import type { QueryResults } from '../results/QueryResults.js';
import { queryResultsOptions, type QueryResultsOptionsInput } from '../results/queryResultsOptions.js';
import { validateJobIds } from '../wait/validateJobIds.js';
import { useOmniClient } from './OmniProvider.js';

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
): QueryResults {
  const client = useOmniClient(options.client);
  const { enabled, maxWaitMs, includeInternalColumns, int64, pollDelayMs, gcTime } = options;
  // Callers usually pass a new array each render: key the options by content, not identity.
  const validated = validateJobIds(jobIds);
  const idsKey = validated.ok ? JSON.stringify(validated.ids) : undefined;
  const validOptions = useMemo(
    () =>
      idsKey === undefined
        ? undefined
        : queryResultsOptions(client, JSON.parse(idsKey) as string[], {
            enabled,
            maxWaitMs,
            includeInternalColumns,
            int64,
            pollDelayMs,
            gcTime,
          }),
    [client, idsKey, enabled, maxWaitMs, includeInternalColumns, int64, pollDelayMs, gcTime],
  );
  return useQueries(validOptions ?? queryResultsOptions(client, jobIds, { enabled }));
}
