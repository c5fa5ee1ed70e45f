import type { OmniClient } from '../client/OmniClient.js';
import { combineQueryResults, idleQueryResults, invalidQueryResults, type JobQueryState } from './combineQueryResults.js';
import type { JobResult } from './JobResult.js';
import { jobQueryOptions, type JobQueryOptions, type JobQueryOptionsInput } from '../wait/jobQueryOptions.js';
import type { OmniJobsResult } from './OmniJobsResult.js';
import { validateJobIds } from '../wait/validateJobIds.js';

const COMBINED_PROPS = ['data', 'error', 'status', 'fetchStatus'] satisfies Array<keyof JobQueryState>;

/** Options of {@link queryResultsOptions} (and of `useQueryResults`, which adds `client`). */
export interface QueryResultsOptionsInput extends JobQueryOptionsInput {
  /** `false` gives `status: 'idle'` and sends nothing. Default `true`. */
  enabled?: boolean | undefined;
  /** Show Omni-internal columns (`$omni_*`, `ssort_*`, `*__raw`, unrequested fields) too. Default `false`. */
  includeInternalColumns?: boolean | undefined;
}

// `satisfies` fails the build when an option is added to the input but not here, or the other way round.
const RESULTS_OPTION_NAMES = Object.keys({
  enabled: true,
  maxWaitMs: true,
  int64: true,
  pollDelayMs: true,
  gcTime: true,
  includeInternalColumns: true,
} satisfies Record<keyof QueryResultsOptionsInput, true>) as Array<keyof QueryResultsOptionsInput>;

/** The options of {@link queryResultsOptions} among `options` (a hook's, which hold more), only those that are set. */
export function pickQueryResultsOptions(options: QueryResultsOptionsInput): QueryResultsOptionsInput {
  const picked: Record<string, unknown> = {};
  for (const name of RESULTS_OPTION_NAMES) if (options[name] !== undefined) picked[name] = options[name];
  return picked as QueryResultsOptionsInput;
}

/** What {@link queryResultsOptions} builds: the argument of `useQueries`. */
export interface QueryResultsOptions {
  /** One entry per distinct job id, in input order. `[]` when idle, disabled or the ids are invalid. */
  queries: JobQueryOptions[];
  /** Folds the jobs' query states into {@link OmniJobsResult}. */
  combine: (states: JobQueryState[]) => OmniJobsResult;
}

/**
 * The react-query options behind `useQueryResults`, framework-free: pass them to
 * `useQueries(queryResultsOptions(client, ids))`, or prefetch each entry of `queries` with
 * `queryClient.prefetchQuery` / `fetchQuery` / `ensureQueryData` (in a router loader, on the server,
 * in a test).
 *
 * - One query per distinct job id (duplicates removed, input order kept), keyed by
 *   `jobQueryKey(client, jobId)`; see `jobQueryOptions` for polling, retry and caching.
 * - `null`, `undefined`, `[]` or `enabled: false`: no queries; `combine` gives `status: 'idle'`.
 * - Ids that are not non-empty strings: no queries, so nothing is sent; `combine` gives
 *   `status: 'error'` with an `OmniError` of kind `schema`. Nothing throws, so a component with bad
 *   input shows an error instead of crashing.
 */
export function queryResultsOptions(
  client: OmniClient,
  jobIds: readonly string[] | null | undefined,
  options: QueryResultsOptionsInput = {},
): QueryResultsOptions {
  if (options.enabled === false) return { queries: [], combine: idleQueryResults };
  const validated = validateJobIds(jobIds);
  if (!validated.ok) {
    const invalid = invalidQueryResults(validated.error);
    return { queries: [], combine: () => invalid };
  }
  const { ids } = validated;
  if (ids.length === 0) return { queries: [], combine: idleQueryResults };
  const includeInternalColumns = options.includeInternalColumns ?? false;
  const pendingViews = new Map<string, JobResult>();
  const askedAt = Date.now();
  return {
    // combine reads exactly these props. Naming them also turns off react-query's property tracking,
    // which costs O(jobs) per property read and made each update O(jobs²) (1,000 ids took minutes).
    queries: ids.map((jobId) => ({ ...jobQueryOptions(client, jobId, options), notifyOnChangeProps: COMBINED_PROPS })),
    combine: (states) => combineQueryResults(ids, states, includeInternalColumns, pendingViews, askedAt),
  };
}

/** @deprecated Use {@link QueryResultsOptions}: built options are named `…Options`, their inputs `…OptionsInput`. */
export type QueryResultsQueries = QueryResultsOptions;
