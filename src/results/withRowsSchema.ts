import type { RowOf, RowsSchema } from '../decode/rows/RowsSchema.js';
import { validateRows } from '../decode/rows/validateRows.js';
import type { WithRows } from '../decode/rows/WithRows.js';
import type { OmniQueryResult, OmniQuerySuspenseResult } from './OmniQueryResult.js';

/** What `useOmniQuery(query, { rows })` returns: {@link OmniQueryResult} with `rows` typed as the schema's output. */
export type TypedOmniQueryResult<TRow> = WithRows<OmniQueryResult, TRow>;

/** What `useSuspenseOmniQuery(query, { rows })` returns: `rows` typed as the schema's output. */
export type TypedOmniQuerySuspenseResult<TRow> = WithRows<OmniQuerySuspenseResult, TRow>;

/**
 * `result` with its shown job's rows checked by `schema` (once per job result and schema object,
 * however often this runs: see `validateRows`). A mismatch turns a success into `status: 'error'`
 * with the `schema` error; a placeholder from an earlier query that does not match shows no rows.
 * Without a shown job, `rows` is `[]` and no schema runs.
 */
export function withRowsSchema<R extends OmniQueryResult | OmniQuerySuspenseResult, S extends RowsSchema>(
  result: R,
  schema: S,
): WithRows<R, RowOf<S>> | TypedOmniQueryResult<RowOf<S>> {
  type Typed = WithRows<R, RowOf<S>>;
  const job = result.job;
  if (job === undefined || result.status === 'error') return result as unknown as Typed;
  const checked = validateRows(job, schema, { jobId: job.jobId });
  if (checked.ok) return { ...result, rows: checked.rows } as unknown as Typed;
  if (result.status !== 'success') return { ...result, rows: [] } as unknown as Typed;
  return {
    ...result,
    status: 'error',
    isPlaceholderData: false,
    error: checked.error,
    rows: [],
    columns: {},
    fields: [],
    numRows: 0,
    table: undefined,
    summary: undefined,
  } as TypedOmniQueryResult<RowOf<S>>;
}
