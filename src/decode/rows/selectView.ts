import type { DecodedResult, FieldInfo, Row } from '../DecodedResult.js';
import type { ViewOptions } from '../DecodeOptions.js';
import type { DecodedColumn, DecodedTable } from '../decodeTable.js';
import { isInternalColumn } from './isInternalColumn.js';

/**
 * One component's view of a decoded job: which columns it sees, in what order, with Omni's field
 * metadata. Cheap: it converts nothing itself. Column values are converted on first read and shared
 * with every other view of the same table; rows are built on the first read of `rows` and kept for
 * this view. Reading `columns`, `fields` or `table` builds no rows.
 *
 * Visible columns: when `fields` is non-empty, exactly those fields found in the table, in that
 * order; else, when `summaryFields` is non-empty, the table's columns that it describes, in table
 * order; else every column. Columns named `$omni_*`, `ssort_*` or `*__raw` are always internal.
 * With `includeInternalColumns`, the visible columns come first, then the internal ones in table
 * order, each marked `internal: true`.
 */
export function selectView(table: DecodedTable, options: ViewOptions = {}): DecodedResult {
  const summaryFields = options.summaryFields ?? {};
  const visible = visibleColumns(table.columns, options.fields ?? [], Object.keys(summaryFields));
  const shown = options.includeInternalColumns
    ? [...visible, ...table.columns.filter((column) => !visible.includes(column))]
    : visible;
  const fields = shown.map((column) => fieldInfo(column, !visible.includes(column), summaryFields));

  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const field of fields) {
    Object.defineProperty(columns, field.name, {
      enumerable: true,
      configurable: true,
      get: table.values.bind(table, field.columnIndex),
    });
  }

  const result = { numRows: table.numRows, fields, columns, table: table.table } as DecodedResult;
  let rows: Row[] | undefined;
  Object.defineProperty(result, 'rows', {
    enumerable: true,
    configurable: true,
    get: () =>
      (rows ??= table.rows(
        fields.map((field) => field.columnIndex),
        fields.map((field) => field.name),
      )),
  });
  return result;
}

function visibleColumns(
  columns: readonly DecodedColumn[],
  fields: readonly string[],
  described: readonly string[],
): DecodedColumn[] {
  const candidates = columns.filter((column) => !isInternalColumn(column.name));
  if (fields.length > 0) {
    return [...new Set(fields)].flatMap((name) => candidates.filter((column) => column.name === name));
  }
  if (described.length > 0) {
    const names = new Set(described);
    return candidates.filter((column) => names.has(column.name));
  }
  return candidates;
}

function fieldInfo(
  column: DecodedColumn,
  internal: boolean,
  summaryFields: NonNullable<ViewOptions['summaryFields']>,
): FieldInfo {
  const info: FieldInfo = {
    name: column.key,
    arrowName: column.name,
    columnIndex: column.index,
    arrowType: column.arrowType,
    internal,
  };
  const meta = Object.hasOwn(summaryFields, column.name) ? summaryFields[column.name] : undefined;
  if (meta?.label !== undefined) info.label = meta.label;
  if (meta?.dataType !== undefined) info.dataType = meta.dataType;
  if (meta?.isDimension !== undefined) info.isDimension = meta.isDimension;
  if (meta?.format !== undefined) info.format = meta.format;
  return info;
}
