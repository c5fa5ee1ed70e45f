import type { DecodedTable } from '../decode/decodeTable.js';
import type { Int64Policy } from '../decode/DecodeOptions.js';
import type { OmniError } from '../errors/OmniError.js';
import type { JobLine } from '../wire/jobLineSchema.js';
import type { JobStatus } from '../results/JobResult.js';

/**
 * What the react-query cache holds for one job: the data returned by its `queryFn`. Framework-free
 * and immutable: each answer makes a new record, and a terminal record never changes again.
 *
 * A job that failed on Omni's side (or whose result could not be decoded) is a record with
 * `status: 'error'`, not a thrown error: only failures of the request itself go through
 * react-query's error and retry machinery. Components read records through `jobResultView`.
 */
export interface JobRecord {
  /** The job id. Always set. */
  readonly jobId: string;
  /** `pending` until Omni reports a terminal line; then `complete`, or `error` with {@link JobRecord.error}. */
  readonly status: JobStatus;
  /** Omni's raw status of the newest line (`EXECUTING`, `COMPLETE`, …). `undefined` until a line arrived. */
  readonly omniStatus: string | undefined;
  /**
   * The newest line Omni sent for the job, without its base64 `result` (the decoded table holds the
   * data; keeping both would double the memory). `undefined` until a line arrived.
   */
  readonly line: Omit<JobLine, 'result'> | undefined;
  /** The decoded result. Set only when `status` is `complete` and Omni sent a result. */
  readonly decoded: DecodedTable | undefined;
  /** The Int64 policy `decoded` was built with. */
  readonly int64: Int64Policy;
  /** Why the job failed (`job`, `decode`, or `schema` for a line that broke the contract). Set only when `status` is `error`. */
  readonly error: OmniError | undefined;
  /** Epoch ms when this job was first asked for; the `maxWaitMs` deadline counts from here. */
  readonly firstRequestedAt: number;
  /** Epoch ms of the answer that made this record. */
  readonly answeredAt: number;
  /** Wait answers received for this job so far (this one included). */
  readonly polls: number;
  /**
   * Answers in a row whose footer neither listed the job as remaining nor carried its line. After
   * a few, the job counts as missing. `0` otherwise.
   */
  readonly unreported: number;
}
