// The public surface of omni-query-hooks. Everything a user may import is listed here, explicitly:
// no `export *`, so that a new internal module never becomes public by accident.

export { createOmniClient } from './client/createOmniClient.js';
export { DEFAULT_RATE_LIMIT } from './client/OmniClient.js';
export type { OmniClient, OmniClientOptions, OmniRequestInit, OmniRunBody, RunQueryBody } from './client/OmniClient.js';
export type { RateLimit } from './budget/createRateLimiter.js';

export { OmniProvider, useOmniClient } from './react/OmniProvider.js';
export type { OmniProviderProps } from './react/OmniProvider.js';
export { useOmniQuery } from './react/useOmniQuery.js';
export type { UseOmniQueryOptions } from './react/useOmniQuery.js';
export { useSuspenseOmniQuery } from './react/useSuspenseOmniQuery.js';
export type { UseSuspenseOmniQueryOptions } from './react/useSuspenseOmniQuery.js';
export { useQueryResults } from './react/useQueryResults.js';
export type { UseQueryResultsOptions } from './react/useQueryResults.js';
export { useSuspenseQueryResults } from './react/useSuspenseQueryResults.js';
export type { UseSuspenseQueryResultsOptions } from './react/useSuspenseQueryResults.js';
export { useOmniDocument } from './react/useOmniDocument.js';
export type { UseOmniDocumentOptions } from './react/useOmniDocument.js';

export { omniQueryOptions } from './query/omniQueryOptions.js';
export type { OmniQueryOptions, OmniQueryOptionsInput, OmniQueryRowsInput, OmniQueryRowsKey } from './query/omniQueryOptions.js';
export type { TypedJobResult } from './query/TypedJobResult.js';
export type { TypedOmniQueryResult, TypedOmniQuerySuspenseResult } from './results/withRowsSchema.js';
export { runQueryKey, omniQueryResultKey } from './query/omniQueryKey.js';
export type { OmniQueryResultKey, OmniQuerySettingsInput, RunQueryKey } from './query/omniQueryKey.js';
export type { OmniQuerySettings, RunCachePolicy } from './query/OmniQuerySettings.js';
export type { RunRecord } from './run/runQueryOptions.js';
export type {
  OmniQueryErrorResult,
  OmniQueryIdleResult,
  OmniQueryPendingResult,
  OmniQueryProgress,
  OmniQueryResult,
  OmniQueryResultBase,
  OmniQuerySuccessResult,
  OmniQuerySuspenseResult,
  RerunOptions,
} from './results/OmniQueryResult.js';
export type { OmniQuery, OmniQuerySort } from './query/omniQuerySchema.js';
export { documentQueriesOptions } from './documents/documentQueriesOptions.js';
export type {
  DocumentQueriesKey,
  DocumentQueriesOptions,
  DocumentQueriesOptionsInput,
} from './documents/documentQueriesOptions.js';
export type {
  OmniDocumentErrorResult,
  OmniDocumentIdleResult,
  OmniDocumentPendingResult,
  OmniDocumentQuery,
  OmniDocumentResult,
  OmniDocumentResultBase,
  OmniDocumentSuccessResult,
} from './documents/OmniDocumentResult.js';
export type { DocumentQuery } from './documents/documentQueriesSchema.js';

export { queryResultsOptions } from './results/queryResultsOptions.js';
export type { QueryResultsOptions, QueryResultsOptionsInput, QueryResultsQueries } from './results/queryResultsOptions.js';
export { jobQueryOptions } from './wait/jobQueryOptions.js';
export type { JobQueryOptions, JobQueryOptionsInput } from './wait/jobQueryOptions.js';
export { jobQueryKey, QUERY_KEY_ROOT } from './wait/jobQueryKey.js';
export { DEFAULT_MAX_WAIT_MS } from './wait/pollJob.js';
export type { JobQueryKey } from './wait/jobQueryKey.js';
export type { JobRecord } from './wait/JobRecord.js';
export type {
  JobCompleteResult,
  JobErrorResult,
  JobPendingResult,
  JobResult,
  JobResultBase,
  JobStatus,
} from './results/JobResult.js';
export type {
  OmniJobsErrorResult,
  OmniJobsIdleResult,
  OmniJobsPendingResult,
  OmniJobsProgress,
  OmniJobsResult,
  OmniJobsResultBase,
  OmniJobsStatus,
  OmniJobsSuccessResult,
  // Deprecated names of the first release, kept for one more.
  QueryProgress,
  QueryResults,
  QueryResultsBase,
  QueryResultsError,
  QueryResultsIdle,
  QueryResultsPending,
  QueryResultsStatus,
  QueryResultsSuccess,
} from './results/OmniJobsResult.js';
export type { JobQueryState } from './results/combineQueryResults.js';

export { serializeOmniData } from './hydration/serializeOmniData.js';
export { deserializeOmniData } from './hydration/deserializeOmniData.js';

export { decodeResult } from './decode/decodeResult.js';
export type { DecodedResult, FieldInfo, Row } from './decode/DecodedResult.js';
export type { DecodeOptions, Int64Policy } from './decode/DecodeOptions.js';
export type { DecodeResultOptions } from './decode/decodeResult.js';
export type { RowOf, RowsSchema } from './decode/rows/RowsSchema.js';
export type { DecodedColumn, DecodedTable } from './decode/decodeTable.js';

export { OmniError, isOmniError } from './errors/OmniError.js';
export type { OmniErrorContext, OmniErrorKind } from './errors/OmniError.js';

export type { JobLine, JobQuery, ModelJob } from './wire/jobLineSchema.js';
export type { CacheMetadata } from './wire/cacheMetadataSchema.js';
export type { Summary, SummaryField } from './wire/summarySchema.js';
export type { RunResponse, WaitResponse } from './wire/createWaitBodyParser.js';
