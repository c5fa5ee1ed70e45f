import { decodeTable } from '../decode/decodeTable.js';
import { OmniError, isOmniError } from '../errors/OmniError.js';
import { jobResultView } from '../results/jobResultView.js';
import type { JobRecord } from '../wait/JobRecord.js';
import {
  OMNI_DATA_TAG,
  OMNI_DATA_VERSION,
  serializedOmniDataSchema,
  type SerializedJobRecord,
  type SerializedOmniError,
} from './serializedOmniData.js';

const ourTags = new Set<unknown>(['job', 'job-result', 'job-records']);

/**
 * Made once per serialised object: react-query may deserialise one value twice (a streamed query's
 * data, then its promise), and must get the same record, decoded once.
 */
const made = new WeakMap<object, unknown>();

/**
 * Records made during the current hydration, by content: a result entry and its job entry carry the
 * same job, and after a JSON round trip they are two copies of it. Cleared once the hydration's
 * synchronous pass ends, so nothing outlives it here.
 */
let sameHydration: Map<string, JobRecord> | undefined;

/**
 * The inverse of `serializeOmniData`, for react-query's `hydrate({ deserializeData })`: turns the
 * plain JSON of a finished result, a job record or a list of them back into what the hooks read,
 * decoding each job's Arrow bytes once, with the same values (int64 beyond 2^53 as `bigint`,
 * decimals, timestamps as `Date`) as a result fetched in the browser. A failed job comes back as the
 * same failure (`status: 'error'` with its `OmniError`).
 *
 * Everything else is returned unchanged: compose it after another deserializer, e.g.
 * `deserializeData: (data) => deserializeOmniData(superjson.deserialize(data))`.
 *
 * Never throws: a value marked as ours that does not fit (another version of the library rendered
 * the page, or it was altered) becomes a `schema` error of that job, not a crash of the page.
 */
export function deserializeOmniData(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !ourTags.has((data as Record<string, unknown>)[OMNI_DATA_TAG])) return data;
  const known = made.get(data);
  if (known !== undefined) return known;
  const value = deserialize(data);
  made.set(data, value);
  return value;
}

function deserialize(data: object): unknown {
  const parsed = serializedOmniDataSchema.safeParse(data);
  if (!parsed.success) return unreadable(data, parsed.error);
  const value = parsed.data;
  if (value[OMNI_DATA_TAG] === 'job') return toJobRecord(value);
  if (value[OMNI_DATA_TAG] === 'job-records') return value.jobs.map(toJobRecord);
  return jobResultView(value.jobId, toJobRecord(value.job), value.includeInternalColumns);
}

function toJobRecord(serialized: SerializedJobRecord): JobRecord {
  const key = `${serialized.jobId}\0${serialized.int64}\0${serialized.status}\0${serialized.answeredAt}\0${serialized.polls}\0${serialized.result ?? ''}`;
  const known = sameHydration?.get(key);
  if (known !== undefined) return known;
  const record = decodeRecord(serialized);
  if (sameHydration === undefined) {
    const current = new Map<string, JobRecord>();
    sameHydration = current;
    queueMicrotask(() => {
      if (sameHydration === current) sameHydration = undefined;
    });
  }
  sameHydration.set(key, record);
  return record;
}

function decodeRecord(serialized: SerializedJobRecord): JobRecord {
  const { jobId, int64 } = serialized;
  const base = {
    jobId,
    status: serialized.status,
    omniStatus: serialized.omniStatus,
    line: serialized.line as JobRecord['line'],
    decoded: undefined,
    int64,
    error: serialized.error === undefined ? undefined : toOmniError(serialized.error),
    firstRequestedAt: serialized.firstRequestedAt,
    answeredAt: serialized.answeredAt,
    polls: serialized.polls,
    unreported: serialized.unreported,
  } satisfies JobRecord;
  if (serialized.result === undefined) return base;
  try {
    return { ...base, decoded: decodeTable(serialized.result, { jobId, int64 }) };
  } catch (cause) {
    const error = isOmniError(cause)
      ? cause
      : new OmniError('decode', `Could not decode the result of job ${jobId}`, { jobId, cause });
    return { ...base, status: 'error', error };
  }
}

function toOmniError(error: SerializedOmniError): OmniError {
  return new OmniError(error.kind, error.message, {
    status: error.status,
    jobId: error.jobId,
    retryAfterMs: error.retryAfterMs,
    omniMessage: error.omniMessage,
    omniErrorType: error.omniErrorType,
  });
}

/** A job record (or a failed result) that says why the value could not be read. */
function unreadable(data: object, cause: unknown): unknown {
  const fields = data as Record<string, unknown>;
  const jobId = typeof fields.jobId === 'string' && fields.jobId !== '' ? fields.jobId : 'unknown';
  const version = fields.version;
  const reason =
    version !== OMNI_DATA_VERSION
      ? `it was serialised by another version of omni-query-hooks (format ${JSON.stringify(version)}, this one reads ${OMNI_DATA_VERSION}); deploy the same version on the server and in the browser`
      : 'it does not have the shape serializeOmniData gives it';
  const error = new OmniError('schema', `Cannot read the server-rendered data of job ${jobId}: ${reason}`, { jobId, cause });
  const record: JobRecord = {
    jobId,
    status: 'error',
    omniStatus: undefined,
    line: undefined,
    decoded: undefined,
    int64: 'auto',
    error,
    firstRequestedAt: 0,
    answeredAt: 0,
    polls: 0,
    unreported: 0,
  };
  if (fields[OMNI_DATA_TAG] === 'job-result') return jobResultView(jobId, record, false);
  if (fields[OMNI_DATA_TAG] === 'job-records') return [record];
  return record;
}
