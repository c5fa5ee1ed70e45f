import type { DataTag, SkipToken, UseQueryOptions } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import type { OmniError } from '../errors/OmniError.js';
import { followJob } from '../wait/followJob.js';
import { QUERY_KEY_ROOT } from '../wait/jobQueryKey.js';
import type { JobQueryOptionsInput } from '../wait/jobQueryOptions.js';
import type { JobRecord } from '../wait/JobRecord.js';

/** The key of {@link settledJobsOptions}: `[root, 'jobs-settled', client.key, ids, { int64 }]`. */
export type SettledJobsKey = readonly [typeof QUERY_KEY_ROOT, 'jobs-settled', string, readonly string[], { int64?: string }];

/**
 * A query that resolves once every one of `jobIds` is terminal, with their records: a Suspense
 * barrier in front of `useQueryResults`. It follows the jobs through their own cache entries
 * (`followJob`), so it sends nothing the non-suspense hook would not, and a job that failed is a
 * record, not an error. Rejects with the first request-wide error (`http`, `network`, `schema`, `timeout`).
 */
export function settledJobsOptions(
  client: OmniClient,
  jobIds: readonly string[],
  input: JobQueryOptionsInput = {},
): UseQueryOptions<JobRecord[], OmniError, JobRecord[], SettledJobsKey> & {
  queryKey: DataTag<SettledJobsKey, JobRecord[], OmniError>;
  queryFn: Exclude<UseQueryOptions<JobRecord[], OmniError, JobRecord[], SettledJobsKey>['queryFn'], SkipToken | undefined>;
} {
  const queryKey: SettledJobsKey = [
    QUERY_KEY_ROOT,
    'jobs-settled',
    client.key,
    jobIds,
    input.int64 === undefined || input.int64 === 'auto' ? {} : { int64: input.int64 },
  ];
  return {
    queryKey: queryKey as DataTag<SettledJobsKey, JobRecord[], OmniError>,
    queryFn: (context) => Promise.all(jobIds.map((jobId) => followJob(context.client, client, jobId, input, context.signal))),
    staleTime: Infinity,
    ...(input.gcTime === undefined ? {} : { gcTime: input.gcTime }),
    structuralSharing: false,
    retry: false,
  };
}
