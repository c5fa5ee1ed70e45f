import { useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { omniQueryOptions } from '../query/omniQueryOptions.js';
import type { OmniQuerySuspenseResult } from '../results/OmniQueryResult.js';
import type { OmniQuery } from '../query/omniQuerySchema.js';
import { useOmniClient } from './OmniProvider.js';
import { suspenseSafe } from './suspenseSafe.js';
import { useOmniQuery, type UseOmniQueryOptions } from './useOmniQuery.js';

/**
 * `useOmniQuery` for Suspense: suspends until the query's job is complete, and throws every failure
 * (the run's, a request-wide one, and the job's own) to the nearest error boundary. `status` is
 * always `success`. Resetting the boundary (react-query's `QueryErrorResetBoundary`) tries again;
 * after a failed job that is a new run.
 *
 * It waits on the same run and job entries as `useOmniQuery`, so it sends no request the
 * non-suspense hook would not. Changing the query suspends again (wrap the change in
 * `startTransition` to keep the current tile meanwhile); `rerun()` keeps the current data on screen.
 */
export function useSuspenseOmniQuery(query: OmniQuery, options: UseOmniQueryOptions = {}): OmniQuerySuspenseResult {
  const client = useOmniClient(options.client);
  const safe = suspenseSafe(options);
  const queryJson = JSON.stringify(query);
  const { cache, branchId, userId, staleTime, gcTime, maxWaitMs, int64, pollDelayMs, includeInternalColumns } = safe;
  const barrier = useMemo(
    () =>
      omniQueryOptions(client, JSON.parse(queryJson) as OmniQuery, {
        cache,
        branchId,
        userId,
        staleTime,
        gcTime,
        maxWaitMs,
        int64,
        pollDelayMs,
        includeInternalColumns,
      }),
    [client, queryJson, cache, branchId, userId, staleTime, gcTime, maxWaitMs, int64, pollDelayMs, includeInternalColumns],
  );
  const { data } = useSuspenseQuery(barrier);
  const result = useOmniQuery(query, { ...safe, client });
  if (result.status === 'error') throw result.error;
  if (result.status === 'success') return result;
  if (result.isPlaceholderData && result.job !== undefined && result.table !== undefined) {
    // A rerun in flight: the current data stays, as it would in any Suspense query's background refetch.
    return {
      ...result,
      status: 'success',
      error: null,
      jobId: result.jobId ?? result.job.jobId,
      job: result.job,
      table: result.table,
    };
  }
  return {
    ...result,
    status: 'success',
    error: null,
    jobId: data.jobId,
    job: data,
    rows: data.rows,
    columns: data.columns,
    fields: data.fields,
    numRows: data.numRows,
    table: data.table!,
    summary: data.summary,
  };
}
