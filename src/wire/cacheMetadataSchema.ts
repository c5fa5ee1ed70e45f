import { z } from 'zod';
import { optional } from './optional.js';

/** A job line's `cache_metadata`. */
export const cacheMetadataSchema = z
  .looseObject({
    plan_key: optional(z.string()),
    field_list: optional(z.array(z.string())),
    num_rows: optional(z.number()),
    created_at: optional(z.string()),
    data_fresh_at: optional(z.string()),
    bytes: optional(z.number()),
    ttl: optional(z.number()),
    model_id: optional(z.string()),
  })
  .transform((cache) => ({
    planKey: cache.plan_key,
    fieldList: cache.field_list,
    numRows: cache.num_rows,
    createdAt: cache.created_at,
    dataFreshAt: cache.data_fresh_at,
    bytes: cache.bytes,
    ttl: cache.ttl,
    modelId: cache.model_id,
  }));

/** How Omni's result cache served a job (a job line's `cache_metadata`). */
export interface CacheMetadata {
  /** The key of the cached query plan. `undefined` when absent. */
  planKey: string | undefined;
  /** The fields of the cached result. `undefined` when absent. */
  fieldList: string[] | undefined;
  /** Rows in the cached result. `undefined` when absent. */
  numRows: number | undefined;
  /** When the cache entry was made (an ISO 8601 text, as sent). `undefined` when absent. */
  createdAt: string | undefined;
  /** How fresh the cached data is (an ISO 8601 text, as sent). `undefined` when absent. */
  dataFreshAt: string | undefined;
  /** Size of the cached result in bytes. `undefined` when absent. */
  bytes: number | undefined;
  /** Time to live of the entry, as Omni sent it. `undefined` when absent. */
  ttl: number | undefined;
  /** The model the query ran against. `undefined` when absent. */
  modelId: string | undefined;
}
