import { describe, expectTypeOf, it } from 'vitest';
import type { OmniQuery } from '../../src/query/omniQuerySchema.js';
import type { OmniQuerySuspenseResult } from '../../src/results/OmniQueryResult.js';
import type { QueryResultsIdle, QueryResultsSuccess } from '../../src/results/OmniJobsResult.js';
import type { UseOmniQueryOptions } from '../../src/react/useOmniQuery.js';
import { useSuspenseOmniQuery, type UseSuspenseOmniQueryOptions } from '../../src/react/useSuspenseOmniQuery.js';
import { useSuspenseQueryResults, type UseSuspenseQueryResultsOptions } from '../../src/react/useSuspenseQueryResults.js';

declare const query: OmniQuery;

describe('useSuspenseOmniQuery options', () => {
  it('leave out what Suspense cannot honour', () => {
    expectTypeOf<UseSuspenseOmniQueryOptions>().not.toHaveProperty('enabled');
    expectTypeOf<UseSuspenseOmniQueryOptions>().not.toHaveProperty('keepPreviousData');
    expectTypeOf<{ enabled: false }>().toExtend<UseOmniQueryOptions>();
    expectTypeOf<{ enabled: false }>().not.toExtend<UseSuspenseOmniQueryOptions>();
  });

  it('keep everything else of useOmniQuery', () => {
    expectTypeOf<UseSuspenseOmniQueryOptions['cache']>().toEqualTypeOf<UseOmniQueryOptions['cache']>();
    expectTypeOf<UseSuspenseOmniQueryOptions['maxWaitMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<UseSuspenseOmniQueryOptions['client']>().toEqualTypeOf<UseOmniQueryOptions['client']>();
  });

  it('reject `enabled` at the call', () => {
    function useTile() {
      // @ts-expect-error Suspense cannot be idle: `enabled` is not an option
      return useSuspenseOmniQuery(query, { enabled: false });
    }
    expectTypeOf(useTile).returns.toEqualTypeOf<OmniQuerySuspenseResult>();
  });
});

describe('useSuspenseQueryResults options', () => {
  it('leave out `enabled`, and the result is success or idle', () => {
    expectTypeOf<UseSuspenseQueryResultsOptions>().not.toHaveProperty('enabled');
    function useJobs() {
      // @ts-expect-error Suspense cannot be idle: `enabled` is not an option
      return useSuspenseQueryResults(['a'], { enabled: false });
    }
    expectTypeOf(useJobs).returns.toEqualTypeOf<QueryResultsSuccess | QueryResultsIdle>();
  });
});
