import type { DecodedResult } from './DecodedResult.js';
import type { DecodeOptions } from './DecodeOptions.js';
import { decodeTable } from './decodeTable.js';
import type { RowOf, RowsSchema } from './rows/RowsSchema.js';
import { selectView } from './rows/selectView.js';
import { validateRows } from './rows/validateRows.js';

/** Options of {@link decodeResult}: {@link DecodeOptions}, plus a schema for typed rows. */
export interface DecodeResultOptions<S extends RowsSchema | undefined = undefined> extends DecodeOptions {
  /**
   * A zod object schema keyed by field name: every row is checked once, here, and `rows` is typed as
   * its output (see `validateRows` for int64 columns). Absent: rows are plain `Row` objects and no
   * schema runs.
   */
  rows?: S;
}

/**
 * Decodes a job's `result` (base64 text, or raw Arrow IPC bytes in stream or file format) into
 * rows, columns and field metadata, by the value table (see docs/values.md). Same as
 * `selectView(decodeTable(result, options), options)`; use those two when several views of one
 * job should share the conversion work.
 *
 * With `options.rows`, every row is checked against the schema before this returns, and `rows` holds
 * the schema's output.
 *
 * @throws OmniError of kind `decode` naming the reason, for input that cannot be decoded correctly;
 *   of kind `schema` naming the field, the row index, what was expected and what came, for a row that
 *   does not match `options.rows`.
 */
export function decodeResult<S extends RowsSchema>(
  result: string | Uint8Array,
  options: DecodeResultOptions<S> & { rows: S },
): DecodedResult<RowOf<S>>;
export function decodeResult(result: string | Uint8Array, options?: DecodeResultOptions): DecodedResult;
export function decodeResult(
  result: string | Uint8Array,
  options: DecodeResultOptions<RowsSchema | undefined> = {},
): DecodedResult<unknown> {
  const view = selectView(decodeTable(result, options), options);
  if (options.rows === undefined) return view;
  const checked = validateRows(view, options.rows, { jobId: options.jobId });
  if (!checked.ok) throw checked.error;
  // `columns` is an object of lazy getters: shared as it is, so reading it still builds no rows.
  return { numRows: view.numRows, fields: view.fields, columns: view.columns, table: view.table, rows: checked.rows };
}
