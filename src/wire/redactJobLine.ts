import type { JobLine } from './jobLineSchema.js';

/**
 * The job line with the token taken out of every server text that can reach an error message or the
 * cache (`error_message`, `error`, `kill_reason`, the SQL of the summary). A misconfigured gateway
 * can echo the `Authorization` header into a job's error text; the rest of the line (ids, the
 * base64 result) is left untouched, so this costs nothing on the hot path.
 */
export function redactJobLine(job: JobLine, redact: ((text: string) => string) | undefined): JobLine {
  if (redact === undefined) return job;
  const clean = (text: string | undefined) => (text === undefined ? undefined : redact(text));
  const summary =
    job.summary === undefined
      ? undefined
      : {
          ...job.summary,
          displaySql: clean(job.summary.displaySql),
          omniSql: clean(job.summary.omniSql),
          sql: clean(job.summary.sql),
        };
  return {
    ...job,
    errorMessage: clean(job.errorMessage),
    error: clean(job.error),
    killReason: clean(job.killReason),
    summary,
  };
}
