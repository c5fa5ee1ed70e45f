import type { DataTag } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import type { Int64Policy } from '../decode/DecodeOptions.js';
import type { OmniError } from '../errors/OmniError.js';
import type { JobRecord } from './JobRecord.js';

/** The first element of every query key of this library, to find or invalidate them all. */
export const QUERY_KEY_ROOT = 'omni-query-hooks';

/**
 * The react-query key of one job: `['omni-query-hooks', 'job', client.key, jobId]`, plus
 * `{ int64 }` when an Int64 policy other than the default `auto` was asked for (the decoded values
 * differ, so the cache entry must too).
 */
export type JobQueryKey =
  | readonly [typeof QUERY_KEY_ROOT, 'job', string, string]
  | readonly [typeof QUERY_KEY_ROOT, 'job', string, string, { readonly int64: Int64Policy }];

/**
 * The query key of one job, tagged with its data type so that `queryClient.getQueryData(key)` is
 * typed. Holds the client's `key` (its normalised base URL), never the token: components that ask
 * for the same job of the same Omni share one cache entry, and keys are safe to log and persist.
 */
export function jobQueryKey(
  client: Pick<OmniClient, 'key'>,
  jobId: string,
  int64?: Int64Policy,
): DataTag<JobQueryKey, JobRecord, OmniError> {
  const key: JobQueryKey =
    int64 === undefined || int64 === 'auto'
      ? [QUERY_KEY_ROOT, 'job', client.key, jobId]
      : [QUERY_KEY_ROOT, 'job', client.key, jobId, { int64 }];
  return key as DataTag<JobQueryKey, JobRecord, OmniError>;
}
