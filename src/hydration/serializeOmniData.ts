import type { OmniError } from '../errors/OmniError.js';
import { ipcBytesOf } from '../decode/ipc/ipcBytes.js';
import type { JobRecord } from '../wait/JobRecord.js';
import { bytesToBase64 } from './bytesToBase64.js';
import { resultSourceOf } from './resultRecords.js';
import {
  OMNI_DATA_TAG,
  OMNI_DATA_VERSION,
  type SerializedJobRecord,
  type SerializedJobRecords,
  type SerializedJobResult,
  type SerializedOmniError,
} from './serializedOmniData.js';

/** Serialised once per record: the job entry and the result entry then share one object (and one base64 text). */
const serialized = new WeakMap<JobRecord, SerializedJobRecord>();

/**
 * Turns the data of this library's cache entries into plain JSON, for react-query's
 * `dehydrate({ serializeData })`: a finished result (`omniQueryOptions`), a job record (the job
 * entries `useOmniQuery` and `useQueryResults` read) and a list of job records. A complete job is
 * carried as its job line with the base64 Arrow IPC bytes Omni sent, never as decoded rows, so
 * `JSON.stringify` works and int64 values beyond 2^53, decimals and timestamps arrive exactly.
 * A failed job is carried as the failure (its `OmniError`'s kind and message), not as an empty result.
 *
 * Everything else (run records, document query lists, your own entries) is returned unchanged:
 * compose it with another serializer by calling this one first, e.g.
 * `serializeData: (data) => superjson.serialize(serializeOmniData(data))`.
 *
 * The token is never part of any of it: entries hold only what Omni answered.
 */
export function serializeOmniData(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const source = resultSourceOf(data);
  if (source !== undefined) {
    return {
      [OMNI_DATA_TAG]: 'job-result',
      version: OMNI_DATA_VERSION,
      jobId: source.record.jobId,
      includeInternalColumns: source.includeInternalColumns,
      job: serializeJobRecord(source.record),
    } satisfies SerializedJobResult;
  }
  if (isJobRecord(data)) return serializeJobRecord(data);
  if (Array.isArray(data) && data.length > 0 && data.every(isJobRecord)) {
    return {
      [OMNI_DATA_TAG]: 'job-records',
      version: OMNI_DATA_VERSION,
      jobs: data.map(serializeJobRecord),
    } satisfies SerializedJobRecords;
  }
  return data;
}

function serializeJobRecord(record: JobRecord): SerializedJobRecord {
  const known = serialized.get(record);
  if (known !== undefined) return known;
  const bytes = record.decoded === undefined ? undefined : ipcBytesOf(record.decoded);
  const out: SerializedJobRecord = {
    [OMNI_DATA_TAG]: 'job',
    version: OMNI_DATA_VERSION,
    jobId: record.jobId,
    status: record.status,
    int64: record.int64,
    firstRequestedAt: record.firstRequestedAt,
    answeredAt: record.answeredAt,
    polls: record.polls,
    unreported: record.unreported,
  };
  if (record.omniStatus !== undefined) out.omniStatus = record.omniStatus;
  if (record.line !== undefined) out.line = withoutUndefined(record.line) as SerializedJobRecord['line'] & object;
  if (bytes !== undefined) out.result = bytesToBase64(bytes);
  if (record.error !== undefined) out.error = serializeError(record.error);
  serialized.set(record, out);
  return out;
}

function serializeError(error: OmniError): SerializedOmniError {
  const out: SerializedOmniError = { kind: error.kind, message: error.message };
  if (error.status !== undefined) out.status = error.status;
  if (error.jobId !== undefined) out.jobId = error.jobId;
  if (error.retryAfterMs !== undefined) out.retryAfterMs = error.retryAfterMs;
  if (error.omniMessage !== undefined) out.omniMessage = error.omniMessage;
  if (error.omniErrorType !== undefined) out.omniErrorType = error.omniErrorType;
  return out;
}

/**
 * A deep copy without `undefined` values, which React Server Components encode as a special value
 * and JSON drops: either way the other side reads `undefined`, but plain JSON is what we promise.
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = withoutUndefined(item);
  return out;
}

/**
 * A `JobRecord`: a plain object with its keys (records are made only by the wait layer). Its typed
 * fields are checked too, so a user's object is never mistaken for one.
 */
function isJobRecord(value: unknown): value is JobRecord {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<keyof JobRecord, unknown>;
  return (
    typeof record.jobId === 'string' &&
    (record.status === 'pending' || record.status === 'complete' || record.status === 'error') &&
    typeof record.int64 === 'string' &&
    typeof record.firstRequestedAt === 'number' &&
    typeof record.answeredAt === 'number' &&
    typeof record.polls === 'number' &&
    typeof record.unreported === 'number' &&
    'decoded' in record &&
    'line' in record &&
    'error' in record
  );
}
