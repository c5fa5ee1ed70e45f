import { z } from 'zod';
import { cacheMetadataSchema, type CacheMetadata } from './cacheMetadataSchema.js';
import { optional } from './optional.js';
import { summarySchema, type Summary } from './summarySchema.js';

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
const clientResultIdSchema = optional(z.string()).transform((id) => (id === 'null' ? undefined : id));

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

/** The query a job line echoes back (`query`): only the parts the library reads. */
export interface JobQuery {
  /** The query's `model_job`. `undefined` when absent. */
  modelJob: ModelJob | undefined;
}

/** A query's `model_job`: what it asked of which model. */
export interface ModelJob {
  /** The model queried. `undefined` when absent. */
  modelId: string | undefined;
  /** The base view (topic table). `undefined` when absent. */
  table: string | undefined;
  /** The requested fields, fully qualified, in display order. `undefined` when absent. */
  fields: string[] | undefined;
  /** The row limit. `undefined` when absent. */
  limit: number | undefined;
}

/**
 * One job line of a wait or run answer, validated and in camelCase. Only `jobId` and `status` are
 * always there; every other field is `undefined` when Omni left it out or sent `null`.
 */
export interface JobLine {
  /** The job's id. Never empty. */
  jobId: string;
  /** Omni's raw status: `EXECUTING`, `COMPLETE`, `ERROR`, `FAILED`, `MISSING`, `PLANNED`, … (new values pass through). */
  status: string;
  /** The client result id the run was given. `undefined` when absent, `null` or the string `"null"`. */
  clientResultId: string | undefined;
  /** The result as base64 Arrow IPC. On `COMPLETE` lines only; `undefined` or `""` when Omni sent none. */
  result: string | undefined;
  /** The SQL and field metadata. `undefined` until a line carried one. */
  summary: Summary | undefined;
  /** How Omni's cache served the job. `undefined` when Omni sent none. */
  cacheMetadata: CacheMetadata | undefined;
  /** The query echoed back. `undefined` when absent. */
  query: JobQuery | undefined;
  /** Server streaming time in ms (`stream_stats.server_stream`). `undefined` when absent. */
  serverStreamMs: number | undefined;
  /** Omni's error type (`PLAN`, `KILL`, …) on failed jobs. `undefined` otherwise. */
  errorType: string | undefined;
  /** Omni's error message on failed jobs. `undefined` otherwise. */
  errorMessage: string | undefined;
  /** Omni's `error`, as text (an object is JSON-encoded). `undefined` when absent. */
  error: string | undefined;
  /** Why the job was killed. `undefined` unless it was. */
  killReason: string | undefined;
}
