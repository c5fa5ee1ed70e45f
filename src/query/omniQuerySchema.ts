import { z } from 'zod';

/** One sort of an {@link OmniQuery}: Omni's own snake_case shape. */
export interface OmniQuerySort {
  /** The fully qualified field to sort by (`order_items.created_at_date`). */
  column_name: string;
  /** `true` for descending. Ascending when absent. */
  sort_descending?: boolean | undefined;
  [key: string]: unknown;
}

/**
 * Omni's query JSON, as a workbook's query inspector or the API docs show it. Keys the library does
 * not know (`join_paths_from_topic_name`, `fill_fields`, …) pass through to Omni unchanged.
 */
export interface OmniQuery {
  /** The model's id (a UUID). Required. */
  modelId: string;
  /** The base view / topic (`order_items`). Required. */
  table: string;
  /** Fully qualified fields, in display order. Required, at least one. */
  fields: string[];
  /** Filters by field. Absent: no filters. */
  filters?: Record<string, unknown> | undefined;
  /** Sorts, in priority order. Absent: Omni's default order. */
  sorts?: OmniQuerySort[] | undefined;
  /** Row limit: a positive integer, or `null` for no limit. Absent: Omni's default (1,000). */
  limit?: number | null | undefined;
  /** Pivoted fields. Absent: no pivots. */
  pivots?: string[] | undefined;
  [key: string]: unknown;
}

const fieldName = z.string().trim().min(1, 'must be a non-empty field name');

/**
 * The checks Omni's server makes (`modelId`, `fields`, `limit`), plus the mistakes that would be a
 * 400 there (`branchId` inside the query): caught before anything is sent. Other keys pass through.
 */
export const omniQuerySchema = z
  .looseObject({
    modelId: z.string('must be the model id (a string)').trim().min(1, 'must be the model id (a non-empty string)'),
    table: z.string('must be the base view or topic (a string)').trim().min(1, 'must be a non-empty view name'),
    fields: z.array(fieldName, 'must be an array of field names').min(1, 'must name at least one field'),
    filters: z.record(z.string(), z.unknown(), 'must be an object of filters by field').optional(),
    sorts: z
      .array(
        z.looseObject({ column_name: fieldName, sort_descending: z.boolean().optional() }),
        'must be an array of { column_name, sort_descending }',
      )
      .optional(),
    limit: z
      .number('must be a positive integer or null')
      .int('must be a positive integer or null')
      .positive('must be a positive integer or null')
      .nullable()
      .optional(),
    pivots: z.array(fieldName, 'must be an array of field names').optional(),
  })
  .superRefine((query, ctx) => {
    if ('branchId' in query) {
      ctx.addIssue({
        code: 'custom',
        path: ['branchId'],
        message: 'belongs at the top level of the run body: pass it as the `branchId` option, not inside the query',
      });
    }
  });
