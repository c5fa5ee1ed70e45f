import type { z } from 'zod';
import { jobLineSchema, type JobLine } from './jobLineSchema.js';
import { INVALID_JOB_LINE, TERMINAL_STATUSES } from './jobStatus.js';

/**
 * What to keep of a job line that names a job but fails the schema, so that one broken line never
 * hides the other jobs of the answer:
 * - a line of a job that is still running (a non-terminal `status`) keeps only `job_id` and
 *   `status`: the server sends that job again when it ends, so nothing is lost;
 * - any other line becomes a terminal `FAILED` line with `errorType` {@link INVALID_JOB_LINE} and a
 *   message naming the fields that failed (never their values).
 */
export function invalidJobLine(jobId: string, raw: Record<string, unknown>, error: z.ZodError): JobLine {
  const status = raw.status;
  const stillRunning =
    typeof status === 'string' && !TERMINAL_STATUSES.has(status) && !(status === 'PLANNED' && raw.summary != null);
  if (stillRunning) return jobLineSchema.parse({ job_id: jobId, status });
  return jobLineSchema.parse({
    job_id: jobId,
    status: 'FAILED',
    error_type: INVALID_JOB_LINE,
    error_message: `Omni sent a line for job ${jobId} that does not match the wire contract (${describeIssues(error)})`,
  });
}

/** The first few zod issues as `path: message`. Zod 4 does not put input values in messages. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues
    .slice(0, max)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'line'}: ${issue.message}`);
  if (error.issues.length > max) parts.push(`and ${error.issues.length - max} more`);
  return parts.join('; ');
}
