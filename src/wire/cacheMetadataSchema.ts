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

/** How Omni's result cache served a job. Each field is `undefined` when Omni left it out. */
export type CacheMetadata = z.output<typeof cacheMetadataSchema>;
