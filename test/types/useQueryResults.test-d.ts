import { QueryClient, useQueries } from '@tanstack/react-query';
import type { Table } from 'apache-arrow';
import { describe, expectTypeOf, it } from 'vitest';
import type { OmniClient } from '../../src/client/OmniClient.js';
import type { FieldInfo, Row } from '../../src/decode/DecodedResult.js';
import type { Int64Policy } from '../../src/decode/DecodeOptions.js';
import { OmniError, isOmniError, type OmniErrorKind } from '../../src/errors/OmniError.js';
import { jobQueryKey } from '../../src/wait/jobQueryKey.js';
import type { JobRecord } from '../../src/wait/JobRecord.js';
import type { JobResult, JobStatus } from '../../src/results/JobResult.js';
import { queryResultsOptions } from '../../src/results/queryResultsOptions.js';
import type { QueryProgress, QueryResults, QueryResultsStatus } from '../../src/results/OmniJobsResult.js';
import { OmniProvider } from '../../src/react/OmniProvider.js';
import { useOmniClient } from '../../src/react/OmniProvider.js';
import { useQueryResults, type UseQueryResultsOptions } from '../../src/react/useQueryResults.js';

declare const client: OmniClient;

// A custom hook, so that calling hooks here is legal: only its types are checked.
function useResultsThroughUseQueries(ids: readonly string[]) {
  return useQueries(queryResultsOptions(client, ids, { includeInternalColumns: true }));
}

describe('useQueryResults', () => {
  it('takes readonly ids, null or undefined, and returns QueryResults', () => {
    expectTypeOf(useQueryResults).parameter(0).toEqualTypeOf<readonly string[] | null | undefined>();
    expectTypeOf(useQueryResults).returns.toEqualTypeOf<QueryResults>();
    expectTypeOf<readonly ['a', 'b']>().toExtend<Parameters<typeof useQueryResults>[0]>();
    expectTypeOf<number[]>().not.toExtend<Parameters<typeof useQueryResults>[0]>();
    expectTypeOf<string>().not.toExtend<Parameters<typeof useQueryResults>[0]>();
  });

  it('has the documented options, all optional', () => {
    expectTypeOf<Record<never, never>>().toExtend<UseQueryResultsOptions>();
    expectTypeOf<UseQueryResultsOptions['client']>().toEqualTypeOf<OmniClient | undefined>();
    expectTypeOf<UseQueryResultsOptions['enabled']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<UseQueryResultsOptions['maxWaitMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<UseQueryResultsOptions['includeInternalColumns']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<UseQueryResultsOptions['int64']>().toEqualTypeOf<Int64Policy | undefined>();
    expectTypeOf<{ maxWaitMs: string }>().not.toExtend<UseQueryResultsOptions>();
  });

  it('resolves its client from an OmniProvider or an override', () => {
    expectTypeOf(useOmniClient).returns.toEqualTypeOf<OmniClient>();
    expectTypeOf(OmniProvider).parameter(0).toHaveProperty('client').toEqualTypeOf<OmniClient>();
  });
});

describe('QueryResults', () => {
  it('has the public shape', () => {
    expectTypeOf<QueryResults['status']>().toEqualTypeOf<QueryResultsStatus>();
    expectTypeOf<QueryResultsStatus>().toEqualTypeOf<'idle' | 'pending' | 'success' | 'error'>();
    expectTypeOf<QueryResults['isComplete']>().toEqualTypeOf<boolean>();
    expectTypeOf<QueryResults['jobs']>().toEqualTypeOf<JobResult[]>();
    expectTypeOf<QueryResults['remainingJobIds']>().toEqualTypeOf<string[] | []>();
    expectTypeOf<QueryResults['error']>().toEqualTypeOf<OmniError | null>();
    expectTypeOf<QueryResults['isFetching']>().toEqualTypeOf<boolean>();
    expectTypeOf<QueryResults['progress']>().toEqualTypeOf<QueryProgress>();
    expectTypeOf<QueryProgress>().toEqualTypeOf<{
      done: number;
      total: number;
      startedAt: number;
      elapsedMs: number;
      polls: number;
    }>();
  });

  it('narrows on status', () => {
    const results = {} as QueryResults;
    if (results.status === 'error') expectTypeOf(results.error).toEqualTypeOf<OmniError>();
    if (results.status === 'success') {
      expectTypeOf(results.error).toEqualTypeOf<null>();
      expectTypeOf(results.isComplete).toEqualTypeOf<true>();
    }
    if (results.status === 'pending' || results.status === 'idle') expectTypeOf(results.error).toEqualTypeOf<null>();
  });
});

describe('JobResult', () => {
  it('has the public shape', () => {
    expectTypeOf<JobResult['jobId']>().toEqualTypeOf<string>();
    expectTypeOf<JobResult['status']>().toEqualTypeOf<JobStatus>();
    expectTypeOf<JobStatus>().toEqualTypeOf<'pending' | 'complete' | 'error'>();
    expectTypeOf<JobResult['omniStatus']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<JobResult['rows']>().toEqualTypeOf<Row[]>();
    expectTypeOf<Row>().toEqualTypeOf<Record<string, unknown>>();
    expectTypeOf<JobResult['columns']>().toEqualTypeOf<Record<string, ArrayLike<unknown>>>();
    expectTypeOf<JobResult['fields']>().toEqualTypeOf<FieldInfo[]>();
    expectTypeOf<JobResult['numRows']>().toEqualTypeOf<number>();
    expectTypeOf<JobResult['table']>().toEqualTypeOf<Table | undefined>();
    expectTypeOf<JobResult['error']>().toEqualTypeOf<OmniError | undefined>();
    expectTypeOf<JobResult['missingFields']>().toEqualTypeOf<string[]>();
  });
});

describe('queryResultsOptions', () => {
  it('feeds useQueries directly and gives QueryResults', () => {
    expectTypeOf(useResultsThroughUseQueries).returns.toEqualTypeOf<QueryResults>();
  });

  it('gives per-job options that prefetch, fetch and ensure a typed JobRecord', () => {
    const queryClient = new QueryClient();
    const [first] = queryResultsOptions(client, ['a']).queries;
    if (first === undefined) return;
    expectTypeOf(queryClient.fetchQuery(first)).resolves.toEqualTypeOf<JobRecord>();
    expectTypeOf(queryClient.ensureQueryData(first)).resolves.toEqualTypeOf<JobRecord>();
    expectTypeOf(queryClient.prefetchQuery(first)).resolves.toEqualTypeOf<void>();
    expectTypeOf(queryClient.getQueryData(jobQueryKey(client, 'a'))).toEqualTypeOf<JobRecord | undefined>();
  });

  it('accepts the same ids as the hook', () => {
    expectTypeOf(queryResultsOptions).parameter(1).toEqualTypeOf<readonly string[] | null | undefined>();
  });
});

describe('OmniError', () => {
  it('is an Error with a kind and context', () => {
    expectTypeOf<OmniError>().toExtend<Error>();
    expectTypeOf<OmniError['kind']>().toEqualTypeOf<OmniErrorKind>();
    expectTypeOf<OmniErrorKind>().toEqualTypeOf<'http' | 'network' | 'schema' | 'decode' | 'job' | 'timeout'>();
    expectTypeOf<OmniError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<OmniError['jobId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<OmniError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
  });

  it('narrows with isOmniError, by kind too', () => {
    const error: unknown = new OmniError('timeout', 'too slow');
    if (isOmniError(error, 'http')) expectTypeOf(error.kind).toEqualTypeOf<'http'>();
    if (isOmniError(error)) expectTypeOf(error).toEqualTypeOf<OmniError & { kind: OmniErrorKind }>();
  });
});
