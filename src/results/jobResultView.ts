import type { Table } from 'apache-arrow';
import type { DecodedResult, FieldInfo, Row } from '../decode/DecodedResult.js';
import { selectView } from '../decode/rows/selectView.js';
import type { OmniError } from '../errors/OmniError.js';
import type { CacheMetadata } from '../wire/cacheMetadataSchema.js';
import type { Summary } from '../wire/summarySchema.js';
import type { JobRecord } from '../wait/JobRecord.js';
import type { JobResult, JobResultBase, JobStatus } from './JobResult.js';
import { rememberResultSource } from '../hydration/resultRecords.js';

/**
 * A {@link JobResult}. A class on purpose: `useQueries` passes `combine`'s output through
 * react-query's `replaceEqualDeep`, which walks into plain objects and would read (and so build)
 * the lazy `rows` and `columns` of every job on every update. A class instance is compared by
 * reference only. `rows` and `columns` are own enumerable getters, so `{...job}` still has them.
 */
class JobView implements JobResultBase {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly omniStatus: string | undefined;
  readonly fields: FieldInfo[];
  readonly numRows: number;
  readonly table: Table | undefined;
  readonly summary: Summary | undefined;
  readonly cache: CacheMetadata | undefined;
  readonly missingFields: string[];
  readonly error: OmniError | undefined;
  declare readonly rows: Row[];
  declare readonly columns: Record<string, ArrayLike<unknown>>;

  constructor(jobId: string, record: JobRecord | undefined, view: DecodedResult | undefined, error: OmniError | undefined) {
    this.jobId = jobId;
    this.status = error !== undefined ? 'error' : (record?.status ?? 'pending');
    this.omniStatus = record?.omniStatus;
    this.fields = view?.fields ?? [];
    this.numRows = view?.numRows ?? 0;
    this.table = view?.table;
    this.summary = record?.line?.summary;
    this.cache = record?.line?.cacheMetadata;
    this.missingFields = record?.line?.summary?.missingFields ?? [];
    this.error = error;
    const emptyRows: Row[] = [];
    const emptyColumns: Record<string, ArrayLike<unknown>> = {};
    Object.defineProperty(this, 'rows', { enumerable: true, get: () => (view === undefined ? emptyRows : view.rows) });
    Object.defineProperty(this, 'columns', {
      enumerable: true,
      get: () => (view === undefined ? emptyColumns : view.columns),
    });
  }
}

const views = new WeakMap<JobRecord, { visible?: JobResult; all?: JobResult }>();

/**
 * What a component sees of a job record. Memoised per record and column choice: components that
 * show the same job share the decoded table and its converted columns, and an unchanged job keeps
 * its identity across updates (so memoised children do not re-render).
 *
 * @param record the job's record; `undefined` before its first answer (a pending view).
 * @param requestError a request-wide failure (`http`, `network`, `schema`, `timeout`) that hit this
 *   job's query: the job shows `status: 'error'` with it, keeping whatever the record had.
 */
export function jobResultView(
  jobId: string,
  record: JobRecord | undefined,
  includeInternalColumns: boolean,
  requestError?: OmniError,
): JobResult {
  // The constructor sets `status` from `error`, which is what makes each view one state of the union.
  if (requestError !== undefined)
    return new JobView(jobId, record, viewOf(record, includeInternalColumns), requestError) as JobResult;
  if (record === undefined) return new JobView(jobId, undefined, undefined, undefined) as JobResult;
  let memo = views.get(record);
  if (memo === undefined) {
    memo = {};
    views.set(record, memo);
  }
  const slot = includeInternalColumns ? 'all' : 'visible';
  let view = memo[slot];
  if (view === undefined) {
    view = memo[slot] = new JobView(jobId, record, viewOf(record, includeInternalColumns), record.error) as JobResult;
    // So that serializeOmniData can carry the record (its Arrow bytes) instead of the class.
    rememberResultSource(view, { record, includeInternalColumns });
  }
  return view;
}

function viewOf(record: JobRecord | undefined, includeInternalColumns: boolean): DecodedResult | undefined {
  if (record?.decoded === undefined) return undefined;
  return selectView(record.decoded, {
    fields: record.line?.query?.modelJob?.fields,
    summaryFields: record.line?.summary?.fields,
    includeInternalColumns,
  });
}
