import { z } from 'zod';
import { optional } from './optional.js';

// `format` is a string in the server's answers and `{ "value": … }` in some clients' captures.
const formatSchema = z.union([z.string(), z.looseObject({ value: z.string() }).transform((format) => format.value)]);

/** One entry of `summary.fields`, keyed by fully qualified field name on the wire. */
export const summaryFieldSchema = z
  .looseObject({
    field_name: optional(z.string()),
    view_name: optional(z.string()),
    fully_qualified_name: optional(z.string()),
    data_type: optional(z.string()),
    is_dimension: optional(z.boolean()),
    label: optional(z.string()),
    format: optional(formatSchema),
    aggregate_type: optional(z.string()),
    date_type: optional(z.string()),
    is_calc: optional(z.boolean()),
    hidden: optional(z.boolean()),
  })
  .transform((field) => ({
    fieldName: field.field_name,
    viewName: field.view_name,
    fullyQualifiedName: field.fully_qualified_name,
    dataType: field.data_type,
    isDimension: field.is_dimension,
    label: field.label,
    format: field.format,
    aggregateType: field.aggregate_type,
    dateType: field.date_type,
    isCalc: field.is_calc,
    hidden: field.hidden,
  }));

/**
 * Omni's description of one field of a result (an entry of `summary.fields`, whose key is the
 * field's fully qualified name). Every property is `undefined` when Omni left it out or sent `null`.
 */
export interface SummaryField {
  /** The field's own name, without its view (`count`). */
  fieldName: string | undefined;
  /** The view (table) the field belongs to (`inventory_items`). */
  viewName: string | undefined;
  /** `view.field`, the key of the field's column in the Arrow result and in rows. */
  fullyQualifiedName: string | undefined;
  /**
   * Omni's data type: `NUMBER`, `STRING`, `TIMESTAMP`, `BOOLEAN`, `ARRAY`, `INTERVAL`, `JSON`,
   * `OTHER_UNGROUPABLE` or `UNKNOWN` (values Omni adds later pass through).
   */
  dataType: string | undefined;
  /** `true` for a dimension, `false` for a measure. */
  isDimension: boolean | undefined;
  /** The label to show for the field (`Inventory Items Count`). */
  label: string | undefined;
  /** Omni's format name (`NUMBER_0`, `USD`, …), always a string whatever shape the wire used. */
  format: string | undefined;
  /** A measure's aggregation (`count`, `sum`, …). `undefined` for dimensions too. */
  aggregateType: string | undefined;
  /** A date dimension's granularity (`DAY`, `MONTH`, …). `undefined` for other fields too. */
  dateType: string | undefined;
  /** `true` for a field Omni flags as a calculation. */
  isCalc: boolean | undefined;
  /** `true` for a field Omni flags as hidden. */
  hidden: boolean | undefined;
}

/** A job line's `summary`. */
export const summarySchema = z
  .looseObject({
    display_sql: optional(z.string()),
    omni_sql: optional(z.string()),
    sql: optional(z.string()),
    cache_type: optional(z.string()),
    stats: optional(z.unknown()),
    missing_fields: optional(z.array(z.string())),
    fields: optional(z.record(z.string(), summaryFieldSchema)),
    total_rows: optional(z.number()),
    execution_time_ms: optional(z.number()),
  })
  .transform((summary) => ({
    displaySql: summary.display_sql,
    omniSql: summary.omni_sql,
    sql: summary.sql,
    cacheType: summary.cache_type,
    stats: summary.stats,
    missingFields: summary.missing_fields ?? [],
    fields: summary.fields ?? {},
    totalRows: summary.total_rows,
    executionTimeMs: summary.execution_time_ms,
  }));

/** A job's `summary`: the SQL Omni ran and what it knows about the result's fields. */
export interface Summary {
  /** The SQL as Omni shows it (a plan failure's text contains "Failed to plan query"). `undefined` when absent. */
  displaySql: string | undefined;
  /** Omni's form of the SQL (`omni_sql`). `undefined` when absent. */
  omniSql: string | undefined;
  /** The SQL (`sql`, shown in Omni's docs example). `undefined` when absent. */
  sql: string | undefined;
  /** How Omni's cache served the job (`EXACT`, `EXACT_STALE`, `MISS`, …). `undefined` when absent. */
  cacheType: string | undefined;
  /** Omni's execution statistics, as sent (their shape is not documented). `undefined` when absent. */
  stats: NonNullable<unknown> | undefined;
  /** Requested fields the server silently dropped from the query. `[]` when none were dropped. */
  missingFields: string[];
  /** Field metadata keyed by fully qualified field name. `{}` when Omni sent none. */
  fields: Record<string, SummaryField>;
  /** Rows in the result (`total_rows`). `undefined` when absent. */
  totalRows: number | undefined;
  /** Execution time in ms (`execution_time_ms`). `undefined` when absent. */
  executionTimeMs: number | undefined;
}
