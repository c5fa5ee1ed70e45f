import type { Table } from 'apache-arrow';
import type { FieldInfo, Row } from '../decode/DecodedResult.js';
import type { OmniError } from '../errors/OmniError.js';
import type { Summary } from '../wire/summarySchema.js';
import type { JobResult } from './JobResult.js';
import type { RunCachePolicy } from '../query/OmniQuerySettings.js';

/** How far along a query is. */
export interface OmniQueryProgress {
  /** Epoch ms the run of the query was sent, so a tile can show a ticking clock while Omni is silent. `0` until it was sent. */
  startedAt: number;
  /** Milliseconds from `startedAt` to the latest answer. `0` until the first answer. */
  elapsedMs: number;
  /** Answers about the query's job so far (the run's answer counts as the first). `0` before the run answered. */
  polls: number;
}

/** Options of {@link OmniQueryResultBase.rerun}. */
export interface RerunOptions {
  /** The new run's cache policy, e.g. `'SkipCache'` for fresh numbers. Default: the hook's `cache` option. */
  cache?: RunCachePolicy;
}

/** What every state of {@link OmniQueryResult} has. Data fields describe what is shown. */
export interface OmniQueryResultBase {
  /** True when what is shown belongs to an earlier query or an earlier run of this one (`keepPreviousData`, `rerun`). */
  isPlaceholderData: boolean;
  /** True while the run or a wait for its job is in flight. */
  isFetching: boolean;
  /** The current run's job id. `undefined` until the run named it, and when idle or invalid. */
  jobId: string | undefined;
  /** The job whose data is shown (an earlier one's while `isPlaceholderData`). `undefined` when nothing is shown. */
  job: JobResult | undefined;
  /** Row objects of the visible columns. `[]` when nothing is shown, on error, and for an empty result. Built on first read. */
  rows: Row[];
  /** Column arrays keyed by field name. `{}` when nothing is shown and on error. */
  columns: Record<string, ArrayLike<unknown>>;
  /** The visible columns with Omni's metadata. `[]` when nothing is shown and on error. */
  fields: FieldInfo[];
  /** Row count. `0` when nothing is shown and on error. */
  numRows: number;
  /** The whole decoded Arrow table, internal columns included. `undefined` when nothing is shown and on error. */
  table: Table | undefined;
  /** Omni's summary of the shown job (SQL, field metadata). `undefined` when nothing is shown or Omni sent none. */
  summary: Summary | undefined;
  /** Why the query failed; `null` unless `status` is `error`. */
  error: OmniError | null;
  /** How far along the current run is. */
  progress: OmniQueryProgress;
  /**
   * Runs the query again (a new `POST /run`, with `options.cache` if given) and replaces the result
   * once the new one is complete, showing the current one meanwhile (`isPlaceholderData`). Does
   * nothing when idle or invalid.
   */
  rerun(options?: RerunOptions): void;
}

/** No query (`null`, `undefined`, `enabled: false`): nothing sent, nothing shown. */
export interface OmniQueryIdleResult extends OmniQueryResultBase {
  status: 'idle';
  isPlaceholderData: false;
  jobId: undefined;
  job: undefined;
  table: undefined;
  error: null;
}

/** Running: the run or its job has not finished. An earlier result may be shown (`isPlaceholderData`). */
export interface OmniQueryPendingResult extends OmniQueryResultBase {
  status: 'pending';
  error: null;
}

/** The job is complete and its data is shown. */
export interface OmniQuerySuccessResult extends OmniQueryResultBase {
  status: 'success';
  isPlaceholderData: false;
  jobId: string;
  job: JobResult;
  table: Table;
  error: null;
}

/**
 * The query failed: an invalid query (`schema`, nothing sent), the run (`http`, `network`,
 * `schema`), a request-wide failure while waiting (`timeout` too), or the job itself (`job`,
 * `decode`; then `job` is the failed job).
 */
export interface OmniQueryErrorResult extends OmniQueryResultBase {
  status: 'error';
  isPlaceholderData: false;
  error: OmniError;
}

/** What `useOmniQuery` returns: a union on `status`, so `status === 'success'` narrows `job` and `table`. */
export type OmniQueryResult = OmniQueryIdleResult | OmniQueryPendingResult | OmniQuerySuccessResult | OmniQueryErrorResult;

/** What `useSuspenseOmniQuery` returns: always `success`; during a `rerun` the current data stays with `isPlaceholderData`. */
export type OmniQuerySuspenseResult = Omit<OmniQuerySuccessResult, 'isPlaceholderData'> & { isPlaceholderData: boolean };
