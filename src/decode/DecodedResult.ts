import type { Table } from 'apache-arrow';

/**
 * One result row: a plain object keyed by fully qualified field name (`row["inventory_items.count"]`).
 * Values follow the value table in the README (numbers, strings, booleans, `Date`, `null`, …).
 * Survives `{...row}`, `Object.keys` and `JSON.stringify` (except `bigint` values, see `int64`).
 */
export type Row = Record<string, unknown>;

/** A column of the result joined with Omni's field metadata. */
export interface FieldInfo {
  /**
   * The key of this column in `rows` and `columns`: Omni's fully qualified field name (`view.field`),
   * which is the Arrow column name. Always set. When a table repeats a column name, the first column
   * keeps it and each later one gets a suffix (`ints (2)`, `ints (3)`), so no column is lost.
   */
  name: string;
  /** The column name exactly as in the Arrow schema (equals `name` unless the name was repeated). Always set. */
  arrowName: string;
  /** Position of the column in the Arrow table (`table.getChildAt(columnIndex)`). Always set. */
  columnIndex: number;
  /** Omni's display label from `summary.fields`. `undefined` when Omni sent no metadata for this field. */
  label?: string | undefined;
  /** Omni's `data_type` (`NUMBER`, `STRING`, `TIMESTAMP`, …). `undefined` when Omni sent no metadata. */
  dataType?: string | undefined;
  /** Whether Omni treats the field as a dimension. `undefined` when Omni sent no metadata. */
  isDimension?: boolean | undefined;
  /** Omni's format name (`NUMBER_0`, `USD`, …). `undefined` when Omni sent none. */
  format?: string | undefined;
  /** The Arrow type as text (`Int64`, `Utf8`, `Timestamp<MILLISECOND, UTC>`), taken from the column itself. Always set. */
  arrowType: string;
  /**
   * True for Omni-internal columns: `$omni_*`, `ssort_*`, `*__raw`, and columns the query did not ask
   * for. Such fields only appear in `fields` with `includeInternalColumns`.
   */
  internal: boolean;
}

/** What {@link decodeResult} returns. `TRow` is a rows schema's output when `rows` was given. */
export interface DecodedResult<TRow = Row> {
  /** Number of rows. `0` for an empty result. */
  numRows: number;
  /** The visible columns, in display order. `[]` only when the result has no columns. */
  fields: FieldInfo[];
  /**
   * Column arrays keyed by field name, one per entry of `fields`, each `numRows` long.
   * Built lazily per column on first access and then kept; reading them builds no rows.
   */
  columns: Record<string, ArrayLike<unknown>>;
  /**
   * Plain row objects, built on first read of this property and then kept. `[]` when `numRows` is 0.
   * With a `rows` schema: the schema's output rows, checked when the result was decoded.
   */
  rows: TRow[];
  /** The decoded apache-arrow table, with every column including internal ones. */
  table: Table;
}
