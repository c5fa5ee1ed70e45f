import { useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { QueryResultsIdle, QueryResultsSuccess } from '../results/QueryResults.js';
import { settledJobsOptions } from '../results/settledJobsOptions.js';
import { validateJobIds } from '../wait/validateJobIds.js';
import { useOmniClient } from './OmniProvider.js';
import { suspenseSafe } from './suspenseSafe.js';
import { useQueryResults, type UseQueryResultsOptions } from './useQueryResults.js';

/**
 * `useQueryResults` for Suspense: suspends until every job is terminal, then returns
 * `status: 'success'` (`'idle'` for no ids). Request-wide failures (`http`, `network`, `schema`,
 * `timeout`) and invalid ids are thrown to the nearest error boundary; a job that failed on its own
 * stays data, on that job. It follows the jobs through the same cache entries and wait requests as
 * `useQueryResults`, so it sends nothing more.
 */
export function useSuspenseQueryResults(
  jobIds: readonly string[],
  options: UseQueryResultsOptions = {},
): QueryResultsSuccess | QueryResultsIdle {
  const client = useOmniClient(options.client);
  const safe = suspenseSafe(options);
  const validated = validateJobIds(jobIds);
  if (!validated.ok) throw validated.error;
  const idsKey = JSON.stringify(validated.ids);
  const { maxWaitMs, int64, pollDelayMs, gcTime } = safe;
  const barrier = useMemo(
    () => settledJobsOptions(client, JSON.parse(idsKey) as string[], { maxWaitMs, int64, pollDelayMs, gcTime }),
    [client, idsKey, maxWaitMs, int64, pollDelayMs, gcTime],
  );
  useSuspenseQuery(barrier);
  const results = useQueryResults(validated.ids, { ...safe, client });
  if (results.status === 'error') throw results.error;
  if (results.status === 'pending')
    throw new Error('omni-query-hooks: a settled job was dropped from the cache before it was shown; raise gcTime');
  return results;
}
