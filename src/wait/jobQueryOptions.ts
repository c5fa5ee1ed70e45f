import type { DataTag, Query, QueryFunctionContext, UseQueryOptions } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import { shouldRetry } from '../client/retryPolicy.js';
import type { Int64Policy } from '../decode/DecodeOptions.js';
import type { OmniError } from '../errors/OmniError.js';
import { batcherFor } from './batcherFor.js';
import type { JobRecord } from './JobRecord.js';
import { jobQueryKey, type JobQueryKey } from './jobQueryKey.js';
import { pollJob } from './pollJob.js';
import { prefetchedJobRecord, streamedJobRecord } from '../hydration/prefetchedResults.js';

/** Options of {@link jobQueryOptions}, shared by every job of one `useQueryResults` call. */
export interface JobQueryOptionsInput {
  /**
   * Give up on a job this long after it was first requested, with an `OmniError` of kind `timeout`.
   * Default 10 minutes. With several components on one job, the one whose poll runs decides.
   */
  maxWaitMs?: number | undefined;
  /** Int64 policy for decoding (`auto`, `bigint`, `string`). Default `auto`; another policy gets its own cache entry. */
  int64?: Int64Policy | undefined;
  /**
   * Pause between the end of a wait answer and the next poll, in ms. Default `1`, the smallest
   * react-query accepts (`0` turns polling off): Omni's long poll paces the loop.
   */
  pollDelayMs?: number | undefined;
  /** react-query `gcTime` of job entries. Default: the QueryClient's default (5 minutes unless changed). */
  gcTime?: number | undefined;
}

/**
 * The react-query options of one job, as `queryOptions` would type them: usable with `useQuery`,
 * `useQueries`, `queryClient.fetchQuery`, `prefetchQuery` and `ensureQueryData`.
 */
export type JobQueryOptions = UseQueryOptions<JobRecord, OmniError, JobRecord, JobQueryKey> & {
  queryKey: DataTag<JobQueryKey, JobRecord, OmniError>;
};

type JobQuery = Query<JobRecord, OmniError, JobRecord, JobQueryKey>;

/**
 * The react-query options of one job. Each fetch is one poll: the job joins the client's next
 * shared wait request, and the answer becomes the job's next {@link JobRecord}.
 *
 * - `refetchInterval` keeps polling while the record is pending (after a timed-out long poll too:
 *   the server paces it), and stops once the job is terminal or the query failed.
 * - `staleTime: Infinity`, and no refetch on mount, focus or reconnect once the job is finished:
 *   finished results are immutable. Unfinished or failed queries do refetch then (a failed one
 *   gets another chance; the deadline still holds).
 * - `structuralSharing: false`: records hold decoded Arrow data that must keep its identity.
 * - `refetchIntervalInBackground: true`: a dashboard in a background tab still finishes loading;
 *   the long poll keeps that at a few requests a minute.
 * - The first fetch of a job that a cached finished result already holds (prefetched on the server),
 *   or one still streaming from the server will hold, sends nothing: it takes (or waits for) that record.
 * - `retry` follows the retry policy (429, 5xx, network; never other 4xx, schema or timeout), with
 *   `retryDelay: 0` because the client's batcher holds every retry for the policy's delay, once for all jobs.
 */
export function jobQueryOptions(client: OmniClient, jobId: string, options: JobQueryOptionsInput = {}): JobQueryOptions {
  const queryKey = jobQueryKey(client, jobId, options.int64);
  const pollDelayMs = Math.max(1, options.pollDelayMs ?? 1);
  return {
    queryKey,
    queryFn: (context) => {
      const previous = context.client.getQueryData(queryKey);
      const poll = () =>
        pollJob(batcherFor(client), {
          jobId,
          previous,
          firstRequestedAt: previous?.firstRequestedAt ?? firstRequestTime(context),
          maxWaitMs: options.maxWaitMs,
          int64: options.int64,
          signal: context.signal,
        });
      if (previous !== undefined) return poll();
      // A result the server prefetched holds this job already, or will once its stream arrives: no wait request.
      const prefetched = prefetchedJobRecord(context.client, client.key, jobId, options.int64);
      if (prefetched !== undefined) return Promise.resolve(prefetched);
      const streamed = streamedJobRecord(context.client, client.key, jobId, options.int64);
      // Polled in the same tick otherwise, so that it joins the batcher's current round.
      return streamed === undefined ? poll() : streamed.then((record) => record ?? poll());
    },
    staleTime: Infinity,
    ...(options.gcTime === undefined ? {} : { gcTime: options.gcTime }),
    structuralSharing: false,
    retry: shouldRetry,
    retryDelay: 0,
    refetchInterval: (query) => (isWaiting(query) ? pollDelayMs : false),
    refetchIntervalInBackground: true,
    refetchOnMount: unlessFinished,
    refetchOnWindowFocus: unlessFinished,
    refetchOnReconnect: unlessFinished,
  };
}

/** Idle between polls of a pending job. While a poll runs, no interval ticks (it would only spin). */
function isWaiting(query: JobQuery): boolean {
  const { status, fetchStatus, data } = query.state;
  return status === 'success' && fetchStatus === 'idle' && data?.status === 'pending';
}

function unlessFinished(query: JobQuery): boolean | 'always' {
  const { status, data } = query.state;
  return status === 'success' && data !== undefined && data.status !== 'pending' ? false : 'always';
}

const firstRequests = new WeakMap<object, number>();

/**
 * When a job without any answer yet was first requested. Kept per cache entry, so that failed
 * first attempts (a 429 storm) count towards `maxWaitMs` too.
 */
function firstRequestTime(context: QueryFunctionContext<JobQueryKey>): number {
  const now = Date.now();
  // By hash, not `find`: `find` hashes the key once per cached query, O(jobs²) over a dashboard.
  const { queryHash } = context.client.defaultQueryOptions({ queryKey: context.queryKey });
  const query = context.client.getQueryCache().get(queryHash);
  if (query === undefined) return now;
  const first = firstRequests.get(query) ?? now;
  firstRequests.set(query, first);
  return first;
}
