import { z } from 'zod';

/** The key that marks a value `serializeOmniData` made; nothing else is ever read as ours. */
export const OMNI_DATA_TAG = '$omniQueryHooks';
/** Bumped when the shape changes: a page rendered by another version of the library is refused clearly. */
export const OMNI_DATA_VERSION = 1;

const errorSchema = z.object({
  kind: z.enum(['http', 'network', 'schema', 'decode', 'job', 'timeout']),
  message: z.string(),
  status: z.number().optional(),
  jobId: z.string().optional(),
  retryAfterMs: z.number().optional(),
  omniMessage: z.string().optional(),
  omniErrorType: z.string().optional(),
});

/** An `OmniError` as plain JSON (its `cause` stays behind: it may be anything). */
export type SerializedOmniError = z.infer<typeof errorSchema>;

const jobRecordSchema = z.object({
  [OMNI_DATA_TAG]: z.literal('job'),
  version: z.literal(OMNI_DATA_VERSION),
  jobId: z.string().min(1),
  status: z.enum(['pending', 'complete', 'error']),
  omniStatus: z.string().optional(),
  // Parsed from Omni's answer by the other side already: carried as it was, without `result`.
  line: z.looseObject({ jobId: z.string(), status: z.string() }).optional(),
  /** The job's Arrow IPC bytes, base64: exactly what Omni's `result` carried. Only for a decoded, complete job. */
  result: z.string().min(1).optional(),
  int64: z.enum(['auto', 'bigint', 'string']),
  error: errorSchema.optional(),
  firstRequestedAt: z.number(),
  answeredAt: z.number(),
  polls: z.number(),
  unreported: z.number(),
});

/** A `JobRecord` (a job entry's data) as plain JSON. */
export type SerializedJobRecord = z.infer<typeof jobRecordSchema>;

const jobResultSchema = z.object({
  [OMNI_DATA_TAG]: z.literal('job-result'),
  version: z.literal(OMNI_DATA_VERSION),
  jobId: z.string().min(1),
  includeInternalColumns: z.boolean(),
  job: jobRecordSchema,
});

/** A finished result (`omniQueryOptions`' data) as plain JSON: its job record and column choice. */
export type SerializedJobResult = z.infer<typeof jobResultSchema>;

const jobRecordsSchema = z.object({
  [OMNI_DATA_TAG]: z.literal('job-records'),
  version: z.literal(OMNI_DATA_VERSION),
  jobs: z.array(jobRecordSchema),
});

/** A list of job records (the settled jobs of `useSuspenseQueryResults`) as plain JSON. */
export type SerializedJobRecords = z.infer<typeof jobRecordsSchema>;

/** Everything `serializeOmniData` makes of our own data. */
export const serializedOmniDataSchema = z.discriminatedUnion(OMNI_DATA_TAG, [jobRecordSchema, jobResultSchema, jobRecordsSchema]);
