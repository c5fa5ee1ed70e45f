import type { QueryObserverResult } from '@tanstack/react-query';
import { Table } from 'apache-arrow';
import type { FieldInfo, Row } from '../decode/DecodedResult.js';
import type { OmniError } from '../errors/OmniError.js';
import type { JobRecord } from '../wait/JobRecord.js';
import type { JobResult } from './JobResult.js';
import { jobResultView } from './jobResultView.js';
import type {
  OmniQueryErrorResult,
  OmniQueryIdleResult,
  OmniQueryPendingResult,
  OmniQueryProgress,
  OmniQueryResult,
} from './OmniQueryResult.js';
import type { RunRecord } from '../run/runQueryOptions.js';

/** An {@link OmniQueryResult} before the hook adds `rerun`. */
export type OmniQueryState = OmniQueryResult extends infer R ? (R extends unknown ? Omit<R, 'rerun'> : never) : never;

/** The parts of a query observer's state that {@link combineOmniQuery} reads. */
export type ObservedState<T> = Pick<QueryObserverResult<T, OmniError>, 'data' | 'error' | 'status' | 'fetchStatus'>;

/** What the query is, before any request: nothing, an invalid query, or a query to run. */
export type OmniQueryPlan = { kind: 'idle' } | { kind: 'invalid'; error: OmniError } | { kind: 'ready' };

/** Inputs of {@link combineOmniQuery}. */
export interface CombineOmniQueryInput {
  plan: OmniQueryPlan;
  /** The run entry's state. */
  run: ObservedState<RunRecord>;
  /** The state of the run's job entry; `undefined` until the run named the job. */
  job: ObservedState<JobRecord> | undefined;
  includeInternalColumns: boolean;
}

const NO_PROGRESS: OmniQueryProgress = { startedAt: 0, elapsedMs: 0, polls: 0 };

/**
 * Folds the run entry and its job entry into what a component sees of one query. Pure: the same
 * states give an equal result. A rerun in flight, or a run whose job still runs, is `pending`; the
 * caller decides what earlier data to show meanwhile ({@link keepShown}).
 */
export function combineOmniQuery({ plan, run, job, includeInternalColumns }: CombineOmniQueryInput): OmniQueryState {
  if (plan.kind === 'idle') return idleOmniQuery();
  if (plan.kind === 'invalid') return failed(plan.error, undefined, undefined, NO_PROGRESS, false);

  const runRecord = run.data;
  const rerunning = run.fetchStatus === 'fetching' && runRecord !== undefined;
  const isFetching = run.fetchStatus === 'fetching' || job?.fetchStatus === 'fetching';
  const jobRecord = job?.data;
  const progress: OmniQueryProgress =
    runRecord === undefined
      ? NO_PROGRESS
      : {
          startedAt: runRecord.startedAt,
          elapsedMs: Math.max(runRecord.answeredAt, jobRecord?.answeredAt ?? 0) - runRecord.startedAt,
          polls: jobRecord?.polls ?? 0,
        };

  if (run.status === 'error' && run.error !== null && !rerunning)
    return failed(run.error, undefined, undefined, progress, isFetching);
  if (runRecord === undefined || rerunning) return pending(runRecord?.jobId, progress, isFetching);
  const { jobId } = runRecord;

  if (job?.status === 'error' && job.error !== null && jobRecord?.status !== 'complete' && jobRecord?.status !== 'error') {
    return failed(job.error, jobId, jobResultView(jobId, jobRecord, includeInternalColumns, job.error), progress, isFetching);
  }
  if (jobRecord === undefined || jobRecord.status === 'pending') return pending(jobId, progress, isFetching);
  const view = jobResultView(jobId, jobRecord, includeInternalColumns);
  if (view.error !== undefined) return failed(view.error, jobId, view, progress, isFetching);
  return {
    status: 'success',
    isPlaceholderData: false,
    isFetching,
    jobId,
    job: view,
    rows: view.rows,
    columns: view.columns,
    fields: view.fields,
    numRows: view.numRows,
    // A terminal answer without rows (a planOnly run's PLANNED) still gives a table to read.
    table: view.table ?? emptyTable(),
    summary: view.summary,
    error: null,
    progress,
  };
}

/** Nothing asked. */
export function idleOmniQuery(): Omit<OmniQueryIdleResult, 'rerun'> {
  return {
    ...nothingShown(),
    status: 'idle',
    isPlaceholderData: false,
    isFetching: false,
    jobId: undefined,
    job: undefined,
    table: undefined,
    error: null,
    progress: NO_PROGRESS,
  };
}

/** The last successful data a component showed, and the key of the run it came from. */
export interface ShownResult {
  readonly key: string;
  readonly job: JobResult;
}

/**
 * What to show of a query: `state` itself, or, while it is pending, the last successful data this
 * component showed (`shown`), marked `isPlaceholderData`. Earlier data is kept across a query change
 * only with `keepPreviousData`; across a rerun of the same query (same `key`) always.
 */
export function keepShown(
  state: OmniQueryState,
  shown: ShownResult | undefined,
  key: string,
  keepPreviousData: boolean,
): OmniQueryState {
  if (state.status !== 'pending' || shown === undefined || (!keepPreviousData && shown.key !== key)) return state;
  const { job } = shown;
  return {
    ...state,
    isPlaceholderData: true,
    job,
    rows: job.rows,
    columns: job.columns,
    fields: job.fields,
    numRows: job.numRows,
    table: job.table,
    summary: job.summary,
  };
}

function pending(
  jobId: string | undefined,
  progress: OmniQueryProgress,
  isFetching: boolean,
): Omit<OmniQueryPendingResult, 'rerun'> {
  return {
    ...nothingShown(),
    status: 'pending',
    isPlaceholderData: false,
    isFetching,
    jobId,
    job: undefined,
    table: undefined,
    error: null,
    progress,
  };
}

function failed(
  error: OmniError,
  jobId: string | undefined,
  job: JobResult | undefined,
  progress: OmniQueryProgress,
  isFetching: boolean,
): Omit<OmniQueryErrorResult, 'rerun'> {
  return {
    ...nothingShown(),
    status: 'error',
    isPlaceholderData: false,
    isFetching,
    jobId,
    job,
    table: undefined,
    error,
    progress,
  };
}

// Shared empties: a component that shows nothing keeps the same arrays across renders.
const NO_ROWS: Row[] = [];
const NO_COLUMNS: Record<string, ArrayLike<unknown>> = {};
const NO_FIELDS: FieldInfo[] = [];

function nothingShown() {
  return { rows: NO_ROWS, columns: NO_COLUMNS, fields: NO_FIELDS, numRows: 0, summary: undefined };
}

let empty: Table | undefined;
function emptyTable(): Table {
  return (empty ??= new Table());
}
