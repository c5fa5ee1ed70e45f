import { z } from 'zod';
import { cacheMetadataSchema } from './cacheMetadataSchema.js';
import { optional } from './optional.js';
import { summarySchema } from './summarySchema.js';

const modelJobSchema = z
  .looseObject({
    model_id: optional(z.string()),
    table: optional(z.string()),
    fields: optional(z.array(z.string())),
    limit: optional(z.number()),
  })
  .transform((job) => ({
    modelId: job.model_id,
    table: job.table,
    fields: job.fields,
    limit: job.limit,
  }));

const queryEchoSchema = z
  .looseObject({ model_job: optional(modelJobSchema) })
  .transform((query) => ({ modelJob: query.model_job }));

// Error lines carry `client_result_id: "null"`: the string, not JSON null.
const clientResultIdSchema = optional(z.string()).transform((id) =>
  id === 'null' ? undefined : id,
);

// `error` has been seen both as a message and as an object; keep whatever text it has.
const errorTextSchema = optional(z.unknown()).transform((error) =>
  error === undefined ? undefined : typeof error === 'string' ? error : JSON.stringify(error),
);

/** One job line of a wait or run answer, as on the wire. Only `job_id` and `status` are required. */
export const jobLineSchema = z
  .looseObject({
    job_id: z.string().min(1),
    status: z.string(),
    client_result_id: clientResultIdSchema,
    result: optional(z.string()),
    summary: optional(summarySchema),
    cache_metadata: optional(cacheMetadataSchema),
    query: optional(queryEchoSchema),
    stream_stats: optional(z.looseObject({ server_stream: optional(z.number()) })),
    error_type: optional(z.string()),
    error_message: optional(z.string()),
    error: errorTextSchema,
    kill_reason: optional(z.string()),
  })
  .transform((line) => ({
    jobId: line.job_id,
    status: line.status,
    clientResultId: line.client_result_id,
    result: line.result,
    summary: line.summary,
    cacheMetadata: line.cache_metadata,
    query: line.query,
    serverStreamMs: line.stream_stats?.server_stream,
    errorType: line.error_type,
    errorMessage: line.error_message,
    error: line.error,
    killReason: line.kill_reason,
  }));

/**
 * A validated job line in camelCase. `status` is Omni's raw status (unknown values pass through).
 * `result` is base64 Arrow, present on `COMPLETE` lines only (and `undefined` or `""` when Omni sent none).
 * `clientResultId` is `undefined` when absent, `null` or the string `"null"`.
 */
export type JobLine = z.output<typeof jobLineSchema>;
