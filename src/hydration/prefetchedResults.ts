import type { QueryClient } from '@tanstack/react-query';
import type { Int64Policy } from '../decode/DecodeOptions.js';
import type { RunRecord } from '../run/runQueryOptions.js';
import type { JobRecord } from '../wait/JobRecord.js';
import { QUERY_KEY_ROOT } from '../wait/jobQueryKey.js';
import { resultSourceOf } from './resultRecords.js';

/**
 * The complete record of `jobId` that a finished-result entry of this client already holds (a
 * result the server prefetched and streamed), or `undefined`. Lets the job entry start from it
 * instead of asking Omni for a job whose result is already on the page.
 *
 * Looked up only for a job entry's first fetch. A scan of this client's result entries by key
 * prefix (no key hashing), so it stays cheap on a dashboard of many jobs.
 */
export function prefetchedJobRecord(
  queryClient: QueryClient,
  clientKey: string,
  jobId: string,
  int64: Int64Policy | undefined,
): JobRecord | undefined {
  const entries = queryClient.getQueryCache().findAll({ queryKey: [QUERY_KEY_ROOT, 'query-result', clientKey] });
  for (const entry of entries) {
    const source = resultSourceOf(entry.state.data);
    if (source === undefined) continue;
    const { record } = source;
    if (record.jobId === jobId && record.status === 'complete' && record.int64 === (int64 ?? 'auto')) return record;
  }
  return undefined;
}

/**
 * The record of `jobId` that a finished-result entry still streaming from the server will hold, or
 * `undefined` when no such entry is on its way. For a Suspense tile whose query the server prefetched
 * without waiting: the run arrived first, and its job's result is in the same stream, so the job entry
 * waits for it instead of asking Omni (in the browser) or failing on a relative URL (in the server render).
 *
 * Only entries that hydration is filling count (they have no `queryFn` of their own): an entry whose own
 * `queryFn` runs is waiting for this very job entry, and waiting on it would never end.
 */
export function streamedJobRecord(
  queryClient: QueryClient,
  clientKey: string,
  jobId: string,
  int64: Int64Policy | undefined,
): Promise<JobRecord | undefined> | undefined {
  const entries = queryClient.getQueryCache().findAll({ queryKey: [QUERY_KEY_ROOT, 'query-result', clientKey] });
  for (const entry of entries) {
    const { promise } = entry;
    if (entry.state.fetchStatus !== 'fetching' || entry.options.queryFn !== undefined || promise === undefined) continue;
    const [, , , query, settings] = entry.queryKey;
    const run = queryClient.getQueryData<RunRecord>([QUERY_KEY_ROOT, 'query', clientKey, query, settings]);
    if (run?.jobId !== jobId) continue;
    return promise.then(
      (view) => {
        const record = resultSourceOf(view)?.record;
        return record !== undefined && record.status === 'complete' && record.int64 === (int64 ?? 'auto') ? record : undefined;
      },
      () => undefined,
    );
  }
  return undefined;
}

/**
 * The run of a query whose finished result is already in the cache (`resultKey`: the run key with
 * `query-result` for `query`), or `undefined`. Also puts the result's job record into its job entry
 * (`jobKey`) when that has none, so that neither the run nor the job is asked for again. Used only
 * for a run entry that never had data: a rerun always runs.
 */
export function prefetchedRun(
  queryClient: QueryClient,
  resultKey: readonly unknown[],
  jobKey: (jobId: string) => readonly unknown[],
): RunRecord | undefined {
  const source = resultSourceOf(queryClient.getQueryData(resultKey));
  if (source === undefined || source.record.status !== 'complete') return undefined;
  const { record } = source;
  if (queryClient.getQueryData(jobKey(record.jobId)) === undefined) queryClient.setQueryData(jobKey(record.jobId), record);
  return { jobId: record.jobId, jobIds: [record.jobId], startedAt: record.firstRequestedAt, answeredAt: record.answeredAt };
}
