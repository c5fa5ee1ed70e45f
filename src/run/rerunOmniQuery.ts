import type { QueryClient } from '@tanstack/react-query';
import type { OmniClient } from '../client/OmniClient.js';
import type { OmniQuery } from '../query/omniQuerySchema.js';
import { omniQueryResultKey } from '../query/omniQueryKey.js';
import type { RerunOptions } from '../results/OmniQueryResult.js';
import { runQueryOptions, type RunQueryOptionsInput } from './runQueryOptions.js';

/**
 * Runs a (validated) query again, as the user asked: a new `POST /run` into the query's run entry
 * (with `options.cache` when given), then the query's finished-result entry, when a Suspense
 * component or a loader holds one, follows the new job. Components keep showing the current
 * result until the new one is complete. A rerun while the first run is still in flight joins it.
 * Never rejects: a failure is the run entry's error, shown by every component on the query.
 */
export async function rerunOmniQuery(
  queryClient: QueryClient,
  client: OmniClient,
  query: OmniQuery,
  input: RunQueryOptionsInput,
  options: RerunOptions = {},
): Promise<void> {
  const run = runQueryOptions(client, query, input, options.cache ?? input.cache);
  try {
    await queryClient.fetchQuery({ ...run, staleTime: 0 });
  } catch {
    return;
  }
  await queryClient.invalidateQueries({ queryKey: omniQueryResultKey(client, query, input), exact: true });
}
