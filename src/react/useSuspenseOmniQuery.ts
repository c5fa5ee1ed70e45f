import type { RowOf, RowsSchema } from '../decode/rows/RowsSchema.js';
import type { OmniQueryRowsInput } from '../query/omniQueryOptions.js';
import type { OmniQuerySuspenseResult } from '../results/OmniQueryResult.js';
import { withRowsSchema, type TypedOmniQuerySuspenseResult } from '../results/withRowsSchema.js';
import type { OmniQuery } from '../query/omniQuerySchema.js';
import { useBaseOmniQuery } from './useBaseOmniQuery.js';
import type { UseOmniQueryOptions } from './useOmniQuery.js';

/**
 * Options of {@link useSuspenseOmniQuery}: those of `useOmniQuery` without what Suspense cannot
 * honour. A suspending component is never idle (no `enabled`), and a changed query suspends again
 * instead of showing the previous result (no `keepPreviousData`; use `startTransition`).
 */
export type UseSuspenseOmniQueryOptions = Omit<UseOmniQueryOptions, 'enabled' | 'keepPreviousData'>;

/**
 * `useOmniQuery` for Suspense: suspends until the query's job is complete, and throws every failure
 * (the run's, a request-wide one, and the job's own) to the nearest error boundary. `status` is
 * always `success`. Resetting the boundary (react-query's `QueryErrorResetBoundary`) tries again;
 * after a failed run or job that is a new run.
 *
 * The same hook as `useOmniQuery` underneath: the same run and job entries, no entry of its own,
 * and no request the non-suspense hook would not send. Changing the query suspends again (wrap the
 * change in `startTransition` to keep the current tile meanwhile); `rerun()` keeps the current data
 * on screen. With `rows: schema`, `rows` is the schema's output, checked once per finished result, and
 * a mismatch is thrown to the boundary as a `schema` error.
 */
// The plain signature comes first (calls without `rows`, and their errors) and last (`ReturnType`).
export function useSuspenseOmniQuery(
  query: OmniQuery,
  options?: UseSuspenseOmniQueryOptions & { rows?: undefined },
): OmniQuerySuspenseResult;
export function useSuspenseOmniQuery<S extends RowsSchema>(
  query: OmniQuery,
  options: UseSuspenseOmniQueryOptions & OmniQueryRowsInput<S>,
): TypedOmniQuerySuspenseResult<RowOf<S>>;
export function useSuspenseOmniQuery(
  query: OmniQuery,
  options?: UseSuspenseOmniQueryOptions & { rows?: undefined },
): OmniQuerySuspenseResult;
export function useSuspenseOmniQuery(
  query: OmniQuery,
  options: UseSuspenseOmniQueryOptions & { rows?: RowsSchema | undefined } = {},
): OmniQuerySuspenseResult | TypedOmniQuerySuspenseResult<unknown> {
  const result = useBaseOmniQuery(query, options, true);
  if (options.rows === undefined) return result;
  const typed = withRowsSchema(result, options.rows);
  if (typed.status === 'error') throw typed.error;
  return typed as TypedOmniQuerySuspenseResult<unknown>;
}
