import type { WithRows } from '../decode/rows/WithRows.js';
import type { JobCompleteResult, JobResult } from '../results/JobResult.js';

/**
 * A complete {@link JobResult} whose `rows` were checked by a rows schema: `rows` holds the schema's
 * output (`TRow`), checked once when the job completed; `[]` for an empty result.
 */
export type TypedJobResult<TRow> = WithRows<JobCompleteResult, TRow>;

/**
 * `job` (complete: only a complete job's rows are checked) with `rows` replaced by checked rows. The other fields are read from `job` (its `columns`
 * stay lazy); a class instance, so react-query compares it by reference and never walks into it.
 */
export function typedJobResult<TRow>(job: JobResult, rows: TRow[]): TypedJobResult<TRow> {
  return new TypedJobView(job, rows);
}

class TypedJobView<TRow> implements TypedJobResult<TRow> {
  readonly jobId: string;
  readonly status = 'complete' as const;
  readonly omniStatus: string | undefined;
  readonly fields: JobResult['fields'];
  readonly numRows: number;
  readonly table: JobResult['table'];
  readonly summary: JobResult['summary'];
  readonly cache: JobResult['cache'];
  readonly missingFields: string[];
  readonly error: undefined;
  readonly rows: TRow[];
  declare readonly columns: JobResult['columns'];

  constructor(job: JobResult, rows: TRow[]) {
    this.jobId = job.jobId;
    this.omniStatus = job.omniStatus;
    this.fields = job.fields;
    this.numRows = job.numRows;
    this.table = job.table;
    this.summary = job.summary;
    this.cache = job.cache;
    this.missingFields = job.missingFields;
    this.error = undefined;
    this.rows = rows;
    Object.defineProperty(this, 'columns', { enumerable: true, get: () => job.columns });
  }
}
