import {
  Binary,
  Bool,
  Float64,
  Int64,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { arrowBase64 } from './arrowBase64.js';
import { summaryFor } from './summaryFor.js';

/**
 * The Arrow type a column of {@link arrowResult} gets:
 * - `number`: Float64 (the default for JS numbers);
 * - `integer`: Int64, as Omni sends counts (decoded to `number` while safe, see the Int64 policy);
 * - `string`: Utf8; `boolean`: Bool; `timestamp`: Timestamp in milliseconds (from `Date` or epoch ms);
 * - `binary`: Binary (from `Uint8Array`).
 */
export type FakeColumnType = 'number' | 'integer' | 'string' | 'boolean' | 'timestamp' | 'binary';

/** One column of {@link arrowResult}, when a field name alone is not enough. */
export interface FakeField {
  /** Fully qualified field name, e.g. `orders.count`: the key in each row. */
  name: string;
  /** Arrow type. Default: from the first non-null value (`string` when every value is null or the rows are empty). */
  type?: FakeColumnType;
  /** `summary.fields[name].label`. Default: the field name, humanised (`count` → `Count`). */
  label?: string;
  /** `summary.fields[name].format`, e.g. `USD` or `NUMBER_0`. Absent by default. */
  format?: string;
}

/** Options of {@link arrowResult}. */
export interface ArrowResultOptions {
  /**
   * The columns, in order: names, or {@link FakeField}s with a type, label or format. Default: every key
   * of the rows, in first-seen order. Needed for an empty result, which has no rows to read names from.
   */
  fields?: readonly (string | FakeField)[] | undefined;
  /** Arrow IPC format: `stream` (what Omni's server sends, the default) or `file` (what Omni's docs show). */
  format?: 'stream' | 'file';
}

/** What {@link arrowResult} builds: the two keys of a job line that carry a result. */
export interface ArrowResult {
  /** A job line's `result`: base64 of the Arrow IPC bytes. */
  result: string;
  /** A job line's wire-shaped (snake_case) `summary`, whose `fields` match the columns. */
  summary: Record<string, unknown>;
  /** The column names, in order (a job line's `query.model_job.fields`). */
  fields: string[];
  /** The apache-arrow table the bytes were written from. */
  table: Table;
}

/**
 * Turns plain rows into what an Omni job line carries: a base64 Arrow stream (`result`) and a
 * matching `summary` (labels, data types, formats). For a job line you write by hand, or to see
 * what the fake sends for `{ rows }`.
 *
 * ```ts
 * const { result, summary } = arrowResult([{ 'orders.count': 3, 'orders.status': 'Shipped' }], {
 *   fields: [{ name: 'orders.count', type: 'integer', label: 'Orders' }, 'orders.status'],
 * });
 * ```
 *
 * Values: `number`, `bigint` (Int64), `string`, `boolean`, `Date`, `Uint8Array`, `null` or a missing key
 * (null). Other values (objects, arrays) throw a `TypeError` naming the column.
 */
export function arrowResult(rows: readonly Record<string, unknown>[], options: ArrowResultOptions = {}): ArrowResult {
  const fields = (options.fields ?? namesOf(rows)).map((field) => (typeof field === 'string' ? { name: field } : field));
  const columns: Record<string, Vector> = {};
  const labels: Record<string, string> = {};
  const fieldExtras: Record<string, Record<string, unknown>> = {};
  for (const field of fields) {
    const values = rows.map((row) => row[field.name] ?? null);
    const type = field.type ?? typeOf(field.name, values);
    columns[field.name] = vectorFromArray(
      values.map((value) => cell(field.name, type, value)),
      arrowType(type),
    ) as Vector;
    if (field.label !== undefined) labels[field.name] = field.label;
    if (field.format !== undefined) fieldExtras[field.name] = { format: field.format };
  }
  const table = new Table(columns);
  return {
    result: arrowBase64(table, options.format ?? 'stream'),
    summary: summaryFor(table, { labels, fieldExtras }),
    fields: fields.map((field) => field.name),
    table,
  };
}

function namesOf(rows: readonly Record<string, unknown>[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row)) names.add(name);
  return [...names];
}

function typeOf(name: string, values: readonly unknown[]): FakeColumnType {
  const first = values.find((value) => value !== null);
  if (first === undefined || typeof first === 'string') return 'string';
  if (typeof first === 'number') return 'number';
  if (typeof first === 'bigint') return 'integer';
  if (typeof first === 'boolean') return 'boolean';
  if (first instanceof Date) return 'timestamp';
  if (first instanceof Uint8Array) return 'binary';
  throw new TypeError(
    `arrowResult: column "${name}" holds a ${typeof first}; use numbers, bigints, strings, booleans, Dates or Uint8Arrays`,
  );
}

function arrowType(type: FakeColumnType): DataType {
  switch (type) {
    case 'number':
      return new Float64();
    case 'integer':
      return new Int64();
    case 'string':
      return new Utf8();
    case 'boolean':
      return new Bool();
    case 'timestamp':
      return new TimestampMillisecond();
    case 'binary':
      return new Binary();
  }
}

/** The value apache-arrow's builder takes for `type`, or a `TypeError` that names the column. */
function cell(name: string, type: FakeColumnType, value: unknown): unknown {
  if (value === null) return null;
  const fits =
    (type === 'number' && (typeof value === 'number' || typeof value === 'bigint')) ||
    (type === 'integer' && (typeof value === 'bigint' || Number.isInteger(value))) ||
    (type === 'string' && typeof value === 'string') ||
    (type === 'boolean' && typeof value === 'boolean') ||
    (type === 'timestamp' && (value instanceof Date || typeof value === 'number')) ||
    (type === 'binary' && value instanceof Uint8Array);
  if (!fits) throw new TypeError(`arrowResult: column "${name}" is ${type}, but a row holds ${String(value)}`);
  if (type === 'integer') return BigInt(value as number | bigint);
  if (type === 'number') return Number(value);
  if (type === 'timestamp') return typeof value === 'number' ? new Date(value) : value;
  return value;
}
