import type { OmniClient } from '../client/OmniClient.js';
import type { OmniQueryOptionsInput } from '../query/omniQueryOptions.js';
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
 * @throws Error at render when there is no client (no `OmniProvider` and no `options.client`).
 */
export function useOmniQuery(query: OmniQuery | null | undefined, options: UseOmniQueryOptions = {}): OmniQueryResult {
  return useBaseOmniQuery(query, options, false);
}
