import { skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { OmniClient } from '../client/OmniClient.js';
import { combineOmniQuery, keepShown, type ShownResult } from '../results/combineOmniQuery.js';
import { QUERY_KEY_ROOT } from '../wait/jobQueryKey.js';
import { jobQueryOptions, type JobQueryOptions } from '../wait/jobQueryOptions.js';
import type { OmniQueryOptionsInput, OmniQueryRowsInput } from '../query/omniQueryOptions.js';
import type { RowOf, RowsSchema } from '../decode/rows/RowsSchema.js';
import { withRowsSchema, type TypedOmniQueryResult } from '../results/withRowsSchema.js';
import type { OmniQueryResult, RerunOptions } from '../results/OmniQueryResult.js';
import { planOmniQuery } from '../query/planOmniQuery.js';
import { rerunOmniQuery } from '../run/rerunOmniQuery.js';
import type { RunQueryOptions } from '../run/runQueryOptions.js';
import type { OmniQuery } from '../query/omniQuerySchema.js';
import { useOmniClient } from './OmniProvider.js';

// Hooks cannot be skipped, so a query that is not there yet observes an entry that never fetches.
const IDLE = { queryKey: [QUERY_KEY_ROOT, 'idle'], queryFn: skipToken } as const;

/** Options of {@link useOmniQuery}. */
export interface UseOmniQueryOptions extends OmniQueryOptionsInput {
  /** The client to use instead of the nearest `OmniProvider`'s. */
  client?: OmniClient | undefined;
  /** `false` is idle: nothing is sent. Default `true`. */
  enabled?: boolean | undefined;
  /**
   * While a changed query runs, keep showing the last result (`isPlaceholderData: true`,
   * `status: 'pending'`). Default `true`; `false` shows empty data while pending.
   */
  keepPreviousData?: boolean | undefined;
}

/**
 * Runs an Omni query and follows its job until it finishes: the main way to put a query on a tile.
 *
 * - One `POST /run` per distinct query (key order does not matter) for every component on the page;
 *   a job finished inside the run answer is shown at once, a running one is followed through the
 *   same shared wait requests as `useQueryResults`.
 * - A changed query (new filters) is a new run; the last result stays on screen as placeholder data
 *   until the new one is complete, and the old query's job is no longer waited for (unless another
 *   component still shows it).
 * - Finished results are kept: remounting the query within `gcTime` sends nothing. `rerun()` asks again.
 * - A run is retried only after a 429; any other failure is `status: 'error'`, never a second run.
 * - `null`, `undefined` or `enabled: false` is idle; an invalid query is `status: 'error'` (kind
 *   `schema`, naming the field) and nothing is sent.
 *
 * - `rows: schema` (a zod object keyed by field name, defined once outside the component) types
 *   `rows` as the schema's output and checks each finished result once; a mismatch is
 *   `status: 'error'` with a `schema` error naming the field and the row. Without it no schema runs.
 *
 * @throws Error at render when there is no client (no `OmniProvider` and no `options.client`).
 */
export function useOmniQuery(
  query: OmniQuery | null | undefined,
  options?: UseOmniQueryOptions & { rows?: undefined },
): OmniQueryResult;
export function useOmniQuery<S extends RowsSchema>(
  query: OmniQuery | null | undefined,
  options: UseOmniQueryOptions & OmniQueryRowsInput<S>,
): TypedOmniQueryResult<RowOf<S>>;
export function useOmniQuery(
  query: OmniQuery | null | undefined,
  options: UseOmniQueryOptions & { rows?: RowsSchema | undefined } = {},
): OmniQueryResult | TypedOmniQueryResult<unknown> {
  const client = useOmniClient(options.client);
  const queryClient = useQueryClient();
  const { enabled, cache, branchId, userId, staleTime, gcTime, maxWaitMs, int64, pollDelayMs } = options;
  // Callers usually build the query object during render: key everything by content, not identity.
  const queryJson = query === null || query === undefined || enabled === false ? undefined : JSON.stringify(query);
  const setup = useMemo(
    () => planOmniQuery(client, queryJson, { cache, branchId, userId, staleTime, gcTime, maxWaitMs, int64, pollDelayMs }),
    [client, queryJson, cache, branchId, userId, staleTime, gcTime, maxWaitMs, int64, pollDelayMs],
  );

  const run = useQuery(setup.run ?? (IDLE as unknown as RunQueryOptions));
  const jobId = setup.run === undefined ? undefined : run.data?.jobId;
  const job = useQuery(jobId === undefined ? (IDLE as unknown as JobQueryOptions) : jobQueryOptions(client, jobId, options));
  const current = combineOmniQuery({
    plan: setup.plan,
    run,
    job: jobId === undefined ? undefined : job,
    includeInternalColumns: options.includeInternalColumns ?? false,
  });
  // The last data shown, for placeholders: set during render, React's pattern for values from earlier renders.
  const [shown, setShown] = useState<ShownResult>();
  if (current.status === 'success' && (shown?.job !== current.job || shown.key !== setup.runKey)) {
    setShown({ key: setup.runKey, job: current.job });
  }
  const rerun = useCallback(
    (rerunOptions?: RerunOptions) => {
      if (setup.query !== undefined) void rerunOmniQuery(queryClient, client, setup.query, options, rerunOptions);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the run's options are part of `setup`
    [queryClient, client, setup],
  );
  const result = { ...keepShown(current, shown, setup.runKey, options.keepPreviousData ?? true), rerun } as OmniQueryResult;
  return options.rows === undefined ? result : withRowsSchema(result, options.rows);
}
