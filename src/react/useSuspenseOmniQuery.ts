import { useSuspenseQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { omniQueryOptions, type OmniQueryOptions, type OmniQueryRowsInput } from '../query/omniQueryOptions.js';
import type { RowOf, RowsSchema } from '../decode/rows/RowsSchema.js';
import { withRowsSchema, type TypedOmniQuerySuspenseResult } from '../results/withRowsSchema.js';
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
 * With `rows: schema`, `rows` is the schema's output, and a mismatch is thrown as a `schema` error.
 */
export function useSuspenseOmniQuery(
  query: OmniQuery,
  options?: UseOmniQueryOptions & { rows?: undefined },
): OmniQuerySuspenseResult;
export function useSuspenseOmniQuery<S extends RowsSchema>(
  query: OmniQuery,
  options: UseOmniQueryOptions & OmniQueryRowsInput<S>,
): TypedOmniQuerySuspenseResult<RowOf<S>>;
export function useSuspenseOmniQuery(
  query: OmniQuery,
  options: UseOmniQueryOptions & { rows?: RowsSchema | undefined } = {},
): OmniQuerySuspenseResult | TypedOmniQuerySuspenseResult<unknown> {
  const { rows: schema, ...untyped } = options;
  const [result, fromBarrier] = useSuspenseOmniQueryUntyped(query, untyped, schema);
  // The barrier's data was checked by the schema already: its rows are the schema's output.
  if (schema === undefined || fromBarrier) return result;
  const typed = withRowsSchema(result, schema);
  if (typed.status === 'error') throw typed.error;
  return typed as TypedOmniQuerySuspenseResult<unknown>;
}

function useSuspenseOmniQueryUntyped(
  query: OmniQuery,
  options: UseOmniQueryOptions,
  schema: RowsSchema | undefined,
): [result: OmniQuerySuspenseResult, fromBarrier: boolean] {
  const client = useOmniClient(options.client);
  const safe = suspenseSafe(options);
  const queryJson = JSON.stringify(query);
  const { cache, branchId, userId, staleTime, gcTime, maxWaitMs, int64, pollDelayMs, includeInternalColumns } = safe;
  // With a schema, the barrier is the checked result: a mismatch reaches the error boundary before any render.
  const barrier = useMemo(() => {
    const settings = { cache, branchId, userId, staleTime, gcTime, maxWaitMs, int64, pollDelayMs, includeInternalColumns };
    const parsed = JSON.parse(queryJson) as OmniQuery;
    return schema === undefined
      ? omniQueryOptions(client, parsed, settings)
      : // Its data's `rows` are the schema's output; only the fields every JobResult has are read here.
        (omniQueryOptions(client, parsed, { ...settings, rows: schema }) as unknown as OmniQueryOptions);
  }, [
    client,
    queryJson,
    schema,
    cache,
    branchId,
    userId,
    staleTime,
    gcTime,
    maxWaitMs,
    int64,
    pollDelayMs,
    includeInternalColumns,
  ]);
  const { data } = useSuspenseQuery(barrier);
  const result = useOmniQuery(query, { ...safe, client });
  if (result.status === 'error') throw result.error;
  if (result.status === 'success') return [result, false];
  if (result.isPlaceholderData && result.job !== undefined && result.table !== undefined) {
    // A rerun in flight: the current data stays, as it would in any Suspense query's background refetch.
    return [
      {
        ...result,
        status: 'success',
        error: null,
        jobId: result.jobId ?? result.job.jobId,
        job: result.job,
        table: result.table,
      },
      false,
    ];
  }
  const fromBarrier: OmniQuerySuspenseResult = {
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
  return [fromBarrier, true];
}
