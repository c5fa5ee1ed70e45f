import type { Table } from 'apache-arrow';
import { describe, expectTypeOf, it } from 'vitest';
import type { OmniError } from '../../src/errors/OmniError.js';
import type { OmniDocumentResult } from '../../src/documents/OmniDocumentResult.js';
import type { JobResult } from '../../src/results/JobResult.js';
import type { OmniQueryResult, OmniQuerySuspenseResult } from '../../src/results/OmniQueryResult.js';
import type { QueryResults } from '../../src/results/OmniJobsResult.js';
import type { useOmniDocument } from '../../src/react/useOmniDocument.js';
import type { useOmniQuery } from '../../src/react/useOmniQuery.js';
import type { useQueryResults } from '../../src/react/useQueryResults.js';
import type { useSuspenseOmniQuery } from '../../src/react/useSuspenseOmniQuery.js';
import type { useSuspenseQueryResults } from '../../src/react/useSuspenseQueryResults.js';

describe('every hook returns a union that narrows on status', () => {
  it('useOmniQuery: error is an OmniError on error, data is present on success', () => {
    const result = {} as ReturnType<typeof useOmniQuery>;
    expectTypeOf(result).toEqualTypeOf<OmniQueryResult>();
    if (result.status === 'error') expectTypeOf(result.error).toEqualTypeOf<OmniError>();
    if (result.status === 'success') {
      expectTypeOf(result.error).toEqualTypeOf<null>();
      expectTypeOf(result.job).toEqualTypeOf<JobResult>();
      expectTypeOf(result.table).toEqualTypeOf<Table>();
      expectTypeOf(result.jobId).toEqualTypeOf<string>();
    }
    if (result.status === 'idle') expectTypeOf(result.job).toEqualTypeOf<undefined>();
    if (result.status !== 'error') expectTypeOf(result.error).toEqualTypeOf<null>();
  });

  it('useSuspenseOmniQuery: always success, data present', () => {
    const result = {} as ReturnType<typeof useSuspenseOmniQuery>;
    expectTypeOf(result).toEqualTypeOf<OmniQuerySuspenseResult>();
    expectTypeOf(result.status).toEqualTypeOf<'success'>();
    expectTypeOf(result.table).toEqualTypeOf<Table>();
    expectTypeOf(result.error).toEqualTypeOf<null>();
  });

  it('useQueryResults and useSuspenseQueryResults', () => {
    const results = {} as ReturnType<typeof useQueryResults>;
    expectTypeOf(results).toEqualTypeOf<QueryResults>();
    if (results.status === 'error') expectTypeOf(results.error).toEqualTypeOf<OmniError>();
    if (results.status === 'success') {
      expectTypeOf(results.isComplete).toEqualTypeOf<true>();
      expectTypeOf(results.error).toEqualTypeOf<null>();
    }
    const suspended = {} as ReturnType<typeof useSuspenseQueryResults>;
    expectTypeOf(suspended.status).toEqualTypeOf<'idle' | 'success'>();
    expectTypeOf(suspended.error).toEqualTypeOf<null>();
  });

  it('each job narrows too: a failed job has its OmniError', () => {
    const job = {} as JobResult;
    if (job.status === 'error') expectTypeOf(job.error).toEqualTypeOf<OmniError>();
    if (job.status === 'complete') expectTypeOf(job.error).toEqualTypeOf<undefined>();
    if (job.status === 'pending') expectTypeOf(job.error).toEqualTypeOf<undefined>();
  });

  it('useOmniDocument, and each of its queries’ results', () => {
    const page = {} as ReturnType<typeof useOmniDocument>;
    expectTypeOf(page).toEqualTypeOf<OmniDocumentResult>();
    // The README's <PageBanner error={error} /> after this check (issue 19's TS18047).
    if (page.status === 'error') expectTypeOf(page.error).toEqualTypeOf<OmniError>();
    if (page.status !== 'error') expectTypeOf(page.error).toEqualTypeOf<null>();
    const result = page.queries[0]!.result;
    if (result.status === 'error') expectTypeOf(result.error).toEqualTypeOf<OmniError>();
    if (result.status === 'success') expectTypeOf(result.table).toEqualTypeOf<Table>();
  });
});
