import { useQueries, useQueryClient, useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useEffect } from 'react';
import { contentHash } from '../query/contentHash.js';
import type { OmniJobsResult, OmniJobsIdleResult, OmniJobsSuccessResult } from '../results/OmniJobsResult.js';
import { pickQueryResultsOptions, queryResultsOptions } from '../results/queryResultsOptions.js';
import { followJob } from '../wait/followJob.js';
import { validateJobIds } from '../wait/validateJobIds.js';
import { useOmniClient } from './OmniProvider.js';
import { suspendOn } from './suspendOn.js';
import { suspenseSafe } from './suspenseSafe.js';
import { useContentMemo } from './useContentMemo.js';
import type { UseQueryResultsOptions } from './useQueryResults.js';

// Omni has no cancel: a suspended component's wait ends with its jobs (or `maxWaitMs`), as a mounted one's would.
const NEVER_ABORTED = new AbortController().signal;

/**
 * The machinery of `useQueryResults` and `useSuspenseQueryResults`: one entry per job, observed with
 * `useQueries` and folded by `combineQueryResults`. With `suspense`, unfinished jobs throw a promise
 * that follows the same entries (`followJob`), and a request-wide failure or invalid ids throw their
 * error; there is no entry of its own.
 */
export function useBaseQueryResults(jobIds: unknown, options: UseQueryResultsOptions, suspense: false): OmniJobsResult;
export function useBaseQueryResults(
  jobIds: unknown,
  options: UseQueryResultsOptions,
  suspense: true,
): OmniJobsSuccessResult | OmniJobsIdleResult;
export function useBaseQueryResults(jobIds: unknown, options: UseQueryResultsOptions, suspense: boolean): OmniJobsResult {
  const client = useOmniClient(options.client);
  const queryClient = useQueryClient();
  const resetBoundary = useQueryErrorResetBoundary();
  // Suspense cannot be idle on purpose: `enabled` is not among its options, and is ignored if passed anyway.
  const { enabled, ...rest } = pickQueryResultsOptions(suspense ? suspenseSafe(options) : options);
  const picked = suspense || enabled === undefined ? rest : { ...rest, enabled };
  // Callers usually pass a new array each render: build the options by content, not identity.
  const validated = validateJobIds(jobIds);
  const hash = contentHash([validated.ok ? validated.ids : jobIds, picked]);
  const built = useContentMemo(client, hash, () =>
    queryResultsOptions(client, validated.ok ? validated.ids : (jobIds as readonly string[]), picked),
  );
  const retrying = suspense && resetBoundary.isReset();
  // Under Suspense a failed poll is thrown, not retried by mounting, until the boundary is reset (as react-query does).
  const results = useQueries(
    suspense ? { ...built, queries: built.queries.map((options) => ({ ...options, retryOnMount: retrying })) } : built,
  );
  useEffect(() => {
    if (suspense) resetBoundary.clearReset();
  }, [suspense, resetBoundary]);

  if (!suspense || results.status === 'success' || results.status === 'idle') return results;
  if (!validated.ok) throw validated.error;
  if (results.status === 'error' && !retrying) throw results.error;
  const { ids } = validated;
  throw suspendOn(queryClient, `${retrying ? 'retry' : 'settle'}:jobs:${hash}`, async () => {
    try {
      await Promise.all(ids.map((jobId) => followJob(queryClient, client, jobId, picked, NEVER_ABORTED)));
    } finally {
      // A retry happens once per reset: failing again goes to the boundary, not into another retry.
      if (retrying) resetBoundary.clearReset();
    }
  });
}
