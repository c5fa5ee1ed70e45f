import type { OmniError } from '../errors/OmniError.js';
import type { JobLine } from './jobLineSchema.js';

/**
 * One answer of `GET /api/v1/query/wait`, whichever body shape (NDJSON or single JSON) carried it.
 */
export interface WaitResponse {
  /**
   * Job lines in the order received, duplicates and ids nobody asked for included (the caller knows
   * what it asked). `[]` when no job reached a terminal state during this wait. A job whose terminal
   * line failed the wire schema is here as a `FAILED` line that `jobLineFailure` turns into a
   * `schema` error of that job.
   */
  jobs: JobLine[];
  /**
   * Ids the server says are still pending, from the newest footer. `undefined` when the body had no
   * footer (a truncated stream, a mid-stream failure), or a timed-out footer without
   * `remaining_job_ids`: then every asked id without a job line must be treated as still pending.
   */
  remainingJobIds: string[] | undefined;
  /** True when the server's long poll ran out before every job finished. `false` when absent. */
  timedOut: boolean;
  /**
   * The first thing that went wrong inside a 2xx answer; the jobs read around it are kept in `jobs`,
   * the others are to be asked again. `undefined` for a clean answer.
   * - kind `http` (status 500, or the status the line names): the server appended a
   *   `{"message","reason"}` line; `omniMessage` is its `reason`, else its `message`;
   * - kind `network`: the connection broke while the body was read;
   * - kind `schema`: a line was not JSON, not an object, or a footer/header/job line without a
   *   usable `job_id` failed the wire schema.
   */
  streamError: OmniError | undefined;
}

/** One answer of `POST /api/v1/query/run`: a wait answer plus the `jobs_submitted` header. */
export interface RunResponse extends WaitResponse {
  /** Submitted job ids, each with its client result id or `null`. `{}` when the header was missing. */
  jobsSubmitted: Record<string, string | null>;
}
