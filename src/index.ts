// The public surface of omni-query-hooks. Everything a user may import is listed here, explicitly:
// no `export *`, so that a new internal module never becomes public by accident.

export { createOmniClient } from './client/createOmniClient.js';
export type { OmniClient, OmniClientOptions, OmniRequestInit, RunQueryBody } from './client/OmniClient.js';

export { OmniProvider } from './react/OmniProvider.js';
export type { OmniProviderProps } from './react/OmniProvider.js';
export { useOmniClient } from './react/OmniProvider.js';
export { useQueryResults } from './react/useQueryResults.js';
export type { UseQueryResultsOptions } from './react/useQueryResults.js';

export { queryResultsOptions } from './jobs/queryResultsOptions.js';
export type { QueryResultsOptionsInput, QueryResultsQueries } from './jobs/queryResultsOptions.js';
export { jobQueryOptions } from './jobs/jobQueryOptions.js';
export type { JobQueryOptions, JobQueryOptionsInput } from './jobs/jobQueryOptions.js';
export { jobQueryKey, QUERY_KEY_ROOT } from './jobs/jobQueryKey.js';
export { DEFAULT_MAX_WAIT_MS } from './jobs/pollJob.js';
export type { JobQueryKey } from './jobs/jobQueryKey.js';
export type { JobRecord } from './jobs/JobRecord.js';
export type { JobResult, JobStatus } from './jobs/JobResult.js';
export type {
  QueryProgress,
  QueryResults,
  QueryResultsBase,
  QueryResultsError,
  QueryResultsIdle,
  QueryResultsPending,
  QueryResultsStatus,
  QueryResultsSuccess,
} from './jobs/QueryResults.js';

export { decodeResult } from './decode/decodeResult.js';
export type { DecodedResult, FieldInfo, Row } from './decode/DecodedResult.js';
export type { DecodeOptions, Int64Policy } from './decode/DecodeOptions.js';

export { OmniError, isOmniError } from './errors/OmniError.js';
export type { OmniErrorContext, OmniErrorKind } from './errors/OmniError.js';

export type { JobLine } from './wire/jobLineSchema.js';
export type { CacheMetadata } from './wire/cacheMetadataSchema.js';
export type { Summary, SummaryField } from './wire/summarySchema.js';
export type { RunResponse, WaitResponse } from './wire/WaitResponse.js';
