import { z } from 'zod';
import { optional } from './optional.js';

// `format` is a string in the server's answers and `{ "value": … }` in some clients' captures.
const formatSchema = z.union([
  z.string(),
  z.looseObject({ value: z.string() }).transform((format) => format.value),
]);

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
 * Omni's description of one field of a result. Every property is `undefined` when Omni left it out.
 * `dataType` is one of `NUMBER STRING TIMESTAMP BOOLEAN ARRAY INTERVAL JSON OTHER_UNGROUPABLE UNKNOWN`
 * (new values pass through); `format` is always a string here, whatever shape the wire used.
 */
export type SummaryField = z.output<typeof summaryFieldSchema>;

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

/**
 * A job's summary. String fields are `undefined` when Omni left them out. `missingFields` is `[]`
 * unless the server dropped requested fields; `fields` is `{}` when Omni sent no field metadata.
 */
export type Summary = z.output<typeof summarySchema>;
