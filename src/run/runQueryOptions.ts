import type { DataTag, UseQueryOptions } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import { retryDelayMs, shouldRetry } from '../client/retryPolicy.js';
import { isOmniError, type OmniError } from '../errors/OmniError.js';
import type { OmniQuery } from '../query/omniQuerySchema.js';
import { omniQueryResultKey, runQueryKey, type RunQueryKey } from '../query/omniQueryKey.js';
import { prefetchedRun } from '../hydration/prefetchedResults.js';
import { jobQueryKey } from '../wait/jobQueryKey.js';
import type { OmniQuerySettings } from '../query/OmniQuerySettings.js';
import { startRun } from './startRun.js';

/** What the cache holds for the run of one query: the job Omni made for it. Immutable. */
export interface RunRecord {
  /** The query's job: the first job the run's `jobs_submitted` header named. Always set. */
  readonly jobId: string;
  /** Every job the run named, in the header's order (almost always just `jobId`). */
  readonly jobIds: readonly string[];
  /** Epoch ms the run was sent. */
  readonly startedAt: number;
  /** Epoch ms its answer ended. */
  readonly answeredAt: number;
}

/** Options of {@link runQueryOptions}: the query's settings, and how long its run is kept. */
export interface RunQueryOptionsInput extends OmniQuerySettings {
  /** How long a run's answer counts as fresh. Default `Infinity`: a query runs once per cache lifetime. */
  staleTime?: number | undefined;
  /** react-query `gcTime` of the run entry. Default: the QueryClient's. */
  gcTime?: number | undefined;
}

/** The react-query options of the run of one query. */
export type RunQueryOptions = UseQueryOptions<RunRecord, OmniError, RunRecord, RunQueryKey> & {
  queryKey: DataTag<RunQueryKey, RunRecord, OmniError>;
};

/**
 * The react-query options of the run of a (validated) query: one cache entry per distinct query, so
 * every component showing it shares one `POST /run`.
 *
 * - Retried only after a 429 (nothing was submitted), after `Retry-After` or backoff. Any other
 *   failure is final: repeating it could submit the query twice. For the same reason an errored run
 *   is not run again on mount, focus or reconnect; `rerun()` is the user's choice.
 * - `staleTime: Infinity` by default: remounting the query within `gcTime` sends nothing.
 * - `bodyCache` overrides the `cache` sent without changing the key: `rerun({ cache: 'SkipCache' })`
 *   refreshes this query's entry.
 * - The first fetch of a query whose finished result is already cached (prefetched on the server and
 *   hydrated) sends nothing: the run is the result's job.
 */
export function runQueryOptions(
  client: OmniClient,
  query: OmniQuery,
  input: RunQueryOptionsInput = {},
  bodyCache: OmniQuerySettings['cache'] = input.cache,
): RunQueryOptions {
  const queryKey = runQueryKey(client, query, input);
  return {
    queryKey,
    queryFn: async (context) => {
      // A first run of a query whose finished result came from the server: nothing to ask Omni.
      const prefetched =
        bodyCache === input.cache && context.client.getQueryData(queryKey) === undefined
          ? prefetchedRun(context.client, omniQueryResultKey(client, query, input), (jobId) =>
              jobQueryKey(client, jobId, input.int64),
            )
          : undefined;
      return prefetched ?? startRun(client, context.client, query, { ...input, cache: bodyCache });
    },
    staleTime: input.staleTime ?? Infinity,
    ...(input.gcTime === undefined ? {} : { gcTime: input.gcTime }),
    structuralSharing: false,
    // Only a 429 proves nothing was submitted; how often it is retried is the shared policy's call.
    retry: (failures, error) => isOmniError(error, 'http') && error.status === 429 && shouldRetry(failures, error),
    retryDelay: (failures, error) => retryDelayMs(failures, error),
    retryOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  };
}
