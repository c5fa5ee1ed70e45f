import type { QueryClient } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import type { JobRecord } from './JobRecord.js';
import { jobQueryOptions, type JobQueryOptionsInput } from './jobQueryOptions.js';

/**
 * Polls a job through its cache entry until it is terminal, and returns the terminal record. Each
 * poll is a `fetchQuery` of the job's entry, so it joins a poll a mounted component already runs,
 * shares the client's wait requests, and a finished job costs nothing.
 *
 * When `signal` aborts, a poll that no mounted component watches is cancelled too, so nobody keeps
 * a long poll open for a result no one will see.
 * @throws the job entry's request-wide error (`http`, `network`, `schema`, `timeout`), or `signal.reason`.
 */
export async function followJob(
  queryClient: QueryClient,
  client: OmniClient,
  jobId: string,
  input: JobQueryOptionsInput,
  signal: AbortSignal,
): Promise<JobRecord> {
  const options = jobQueryOptions(client, jobId, input);
  const cancelUnwatched = () => {
    const query = queryClient.getQueryCache().find({ queryKey: options.queryKey, exact: true });
    if (query !== undefined && query.getObserversCount() === 0)
      void queryClient.cancelQueries({ queryKey: options.queryKey, exact: true });
  };
  signal.addEventListener('abort', cancelUnwatched, { once: true });
  try {
    for (;;) {
      signal.throwIfAborted();
      // staleTime 0: ask again while pending; a terminal record returns at once without a request.
      const record = await queryClient.fetchQuery({ ...options, staleTime: 0 });
      if (record.status !== 'pending') return record;
    }
  } finally {
    signal.removeEventListener('abort', cancelUnwatched);
  }
}
