import type { OmniError } from '../errors/OmniError.js';
import type { JobLine } from './jobLineSchema.js';

/**
 * One answer of `GET /api/v1/query/wait`, whichever body shape (NDJSON or single JSON) carried it.
 */
export interface WaitResponse {
  /** Job lines in the order received. `[]` when no job reached a terminal state during this wait. */
  jobs: JobLine[];
  /**
   * Ids the server says are still pending. `undefined` when the body had no footer (a truncated
   * stream): then every asked id without a job line must be treated as still pending.
   */
  remainingJobIds: string[] | undefined;
  /** True when the server's long poll ran out before every job finished. `false` when absent. */
  timedOut: boolean;
  /**
   * Set when the server appended a `{"message","reason"}` line: the jobs received before it are kept
   * in `jobs`; the others are to be asked again. `undefined` for a clean answer.
   */
  streamError: OmniError | undefined;
}

/** One answer of `POST /api/v1/query/run`: a wait answer plus the `jobs_submitted` header. */
export interface RunResponse extends WaitResponse {
  /** Submitted job ids, each with its client result id or `null`. `{}` when the header was missing. */
  jobsSubmitted: Record<string, string | null>;
}
