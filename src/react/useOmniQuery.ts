import type { OmniClient } from '../client/OmniClient.js';
import type { RowOf, RowsSchema } from '../decode/rows/RowsSchema.js';
import type { OmniQueryOptionsInput, OmniQueryRowsInput } from '../query/omniQueryOptions.js';
import { withRowsSchema, type TypedOmniQueryResult } from '../results/withRowsSchema.js';
import type { OmniQueryResult } from '../results/OmniQueryResult.js';
import type { OmniQuery } from '../query/omniQuerySchema.js';
import { useBaseOmniQuery } from './useBaseOmniQuery.js';

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
// The plain signature comes first (calls without `rows`, and their errors) and last (`ReturnType`).
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
  options?: UseOmniQueryOptions & { rows?: undefined },
): OmniQueryResult;
export function useOmniQuery(
  query: OmniQuery | null | undefined,
  options: UseOmniQueryOptions & { rows?: RowsSchema | undefined } = {},
): OmniQueryResult | TypedOmniQueryResult<unknown> {
  const result = useBaseOmniQuery(query, options, false);
  // The schema is not part of any entry: it reads the shown job, checked once per job and schema.
  return options.rows === undefined ? result : withRowsSchema(result, options.rows);
}
