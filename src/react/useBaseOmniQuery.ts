import { skipToken, useQuery, useQueryClient, useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { contentHash } from '../query/contentHash.js';
import { pickOmniQueryOptions } from '../query/omniQueryOptions.js';
import { planOmniQuery } from '../query/planOmniQuery.js';
import { combineOmniQuery, keepShown, type ShownResult } from '../results/combineOmniQuery.js';
import type { OmniQueryResult, OmniQuerySuspenseResult, RerunOptions } from '../results/OmniQueryResult.js';
import { rerunOmniQuery } from '../run/rerunOmniQuery.js';
import type { RunQueryOptions } from '../run/runQueryOptions.js';
import { followJob } from '../wait/followJob.js';
import { QUERY_KEY_ROOT } from '../wait/jobQueryKey.js';
import { jobQueryOptions, type JobQueryOptions } from '../wait/jobQueryOptions.js';
import { useOmniClient } from './OmniProvider.js';
import { suspendOn } from './suspendOn.js';
import { suspenseSafe } from './suspenseSafe.js';
import { useContentMemo } from './useContentMemo.js';
import type { UseOmniQueryOptions } from './useOmniQuery.js';

// Hooks cannot be skipped, so a query that is not there yet observes an entry that never fetches.
const IDLE = { queryKey: [QUERY_KEY_ROOT, 'idle'], queryFn: skipToken } as const;

// Omni has no cancel: a suspended component's wait ends with its job (or `maxWaitMs`), as a mounted one's would.
const NEVER_ABORTED = new AbortController().signal;

/**
 * The machinery of `useOmniQuery` and `useSuspenseOmniQuery`: one run entry per distinct query and
 * one entry per job, observed with `useQuery`, folded by `combineOmniQuery`. With `suspense`, a
 * query with nothing to show throws a promise that follows the same entries (`fetchQuery` of the
 * run, `followJob` of its job) and a failure throws its error; there is no entry of its own.
 */
export function useBaseOmniQuery(query: unknown, options: UseOmniQueryOptions, suspense: false): OmniQueryResult;
export function useBaseOmniQuery(query: unknown, options: UseOmniQueryOptions, suspense: true): OmniQuerySuspenseResult;
export function useBaseOmniQuery(
  query: unknown,
  options: UseOmniQueryOptions,
  suspense: boolean,
): OmniQueryResult | OmniQuerySuspenseResult {
  const client = useOmniClient(options.client);
  const queryClient = useQueryClient();
  const resetBoundary = useQueryErrorResetBoundary();
  const picked = pickOmniQueryOptions(suspense ? suspenseSafe(options) : options);
  // Suspense cannot be idle: `enabled` is not among its options, and is ignored if passed anyway.
  const idle = query === null || query === undefined || (!suspense && options.enabled === false);
  const hash = idle ? '' : contentHash([query, picked]);
  const setup = useContentMemo(client, hash, () => planOmniQuery(client, idle ? undefined : query, picked));

  const run = useQuery(setup.run ?? (IDLE as unknown as RunQueryOptions));
  const jobId = setup.run === undefined ? undefined : run.data?.jobId;
  const retrying = suspense && resetBoundary.isReset();
  const job = useQuery(
    jobId === undefined
      ? (IDLE as unknown as JobQueryOptions)
      : // Under Suspense a failed poll is thrown, not retried by mounting, until the boundary is reset (as react-query does).
        { ...jobQueryOptions(client, jobId, picked), ...(suspense ? { retryOnMount: retrying } : {}) },
  );
  const current = combineOmniQuery({
    plan: setup.plan,
    run,
    job: jobId === undefined ? undefined : job,
    includeInternalColumns: picked.includeInternalColumns ?? false,
  });
  // The last data shown, for placeholders: set during render, React's pattern for values from earlier renders.
  const [shown, setShown] = useState<ShownResult>();
  if (current.status === 'success' && (shown?.job !== current.job || shown.key !== setup.runKey)) {
    setShown({ key: setup.runKey, job: current.job });
  }
  const rerun = useCallback(
    (rerunOptions?: RerunOptions) => {
      if (setup.query !== undefined) void rerunOmniQuery(queryClient, client, setup.query, picked, rerunOptions);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `picked` is part of `setup` (both follow `hash`)
    [queryClient, client, setup],
  );
  // Once mounted, a reset error boundary has done its work (as react-query's own Suspense hooks do).
  useEffect(() => {
    if (suspense) resetBoundary.clearReset();
  }, [suspense, resetBoundary]);

  // A changed query suspends again under Suspense; a rerun of the same query keeps its data.
  const keepPreviousData = suspense ? false : (options.keepPreviousData ?? true);
  const result = { ...keepShown(current, shown, setup.runKey, keepPreviousData), rerun } as OmniQueryResult;
  if (!suspense || result.status === 'success' || result.status === 'idle') return result;
  if (result.status === 'pending' && result.isPlaceholderData && result.job !== undefined && result.table !== undefined) {
    // A rerun in flight: the current data stays, as it would in any Suspense query's background refetch.
    return {
      ...result,
      status: 'success',
      error: null,
      jobId: result.jobId ?? result.job.jobId,
      job: result.job,
      table: result.table,
    };
  }
  const runOptions = setup.run;
  if (result.status === 'error' && (runOptions === undefined || !retrying)) throw result.error;
  if (runOptions === undefined) throw new Error('omni-query-hooks: a pending query without a run');
  // After a reset, a failed run or a failed job means a new run: that is what "Try again" asks for.
  const again = result.status === 'error' && (run.status === 'error' || job.data?.status === 'error');
  throw suspendOn(queryClient, `${retrying ? 'retry' : 'settle'}:${setup.runKey}`, async () => {
    try {
      const record = await queryClient.fetchQuery(again ? { ...runOptions, staleTime: 0 } : runOptions);
      await followJob(queryClient, client, record.jobId, picked, NEVER_ABORTED);
    } finally {
      // A retry happens once per reset: failing again goes to the boundary, not into another retry.
      if (retrying) resetBoundary.clearReset();
    }
  });
}
