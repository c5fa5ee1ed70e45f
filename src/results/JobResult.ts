import type { Table } from 'apache-arrow';
import type { FieldInfo, Row } from '../decode/DecodedResult.js';
import type { OmniError } from '../errors/OmniError.js';
import type { CacheMetadata } from '../wire/cacheMetadataSchema.js';
import type { Summary } from '../wire/summarySchema.js';

/** Where one job stands, from the component's point of view. */
export type JobStatus = 'pending' | 'complete' | 'error';

/** What every state of {@link JobResult} has. */
export interface JobResultBase {
  /** The job id, as passed to the hook. Always set. */
  jobId: string;
  /** `pending` until Omni reports a terminal status; then `complete`, or `error` (see `error`). */
  status: JobStatus;
  /** Omni's raw status of the last line seen (`COMPLETE`, `ERROR`, `EXECUTING`, …). `undefined` until a line arrived. */
  omniStatus?: string | undefined;
  /** Row objects of the visible columns. `[]` while pending, on error, and for an empty result. Built on first read. */
  rows: Row[];
  /** Column arrays keyed by field name. `{}` while pending and on error. */
  columns: Record<string, ArrayLike<unknown>>;
  /** The visible columns with Omni's metadata. `[]` while pending and on error. */
  fields: FieldInfo[];
  /** Row count. `0` while pending and on error. */
  numRows: number;
  /** The whole decoded Arrow table, internal columns included. `undefined` until complete, and on error. */
  table?: Table | undefined;
  /** Omni's summary (SQL, field metadata, missing fields). `undefined` until a line carried one. */
  summary?: Summary | undefined;
  /** Omni's cache metadata. `undefined` when Omni sent none. */
  cache?: CacheMetadata | undefined;
  /** Requested fields the server silently dropped (`summary.missing_fields`). `[]` when none were dropped. */
  missingFields: string[];
  /** Why this job failed: a `job` error from Omni, a `decode` error, or a request-wide error that hit it. Set only when `status` is `error`. */
  error?: OmniError | undefined;
}

/** The job still runs (or has not answered yet): no data, no error. */
export interface JobPendingResult extends JobResultBase {
  status: 'pending';
  error?: undefined;
}

/** The job finished: its data is in `rows`, `columns` and `table` (`table` is `undefined` only for a run that returns no rows, such as `planOnly`). */
export interface JobCompleteResult extends JobResultBase {
  status: 'complete';
  error?: undefined;
}

/** The job failed, on Omni's side (`job`), in decoding (`decode`), or hit by a request-wide failure. */
export interface JobErrorResult extends JobResultBase {
  status: 'error';
  error: OmniError;
}

/** One job's result as a component sees it: a union on `status`, so `status === 'error'` narrows `error` to an `OmniError`. */
export type JobResult = JobPendingResult | JobCompleteResult | JobErrorResult;
