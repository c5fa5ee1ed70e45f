/** A wire object: one NDJSON line or one docs-shaped JSON body, in Omni's snake_case. */
export type WireObject = Record<string, unknown>;

/** The NDJSON footer exactly as Omni's server sends it: `timed_out` is the string `"true"`/`"false"`. */
export function footerLine(remainingJobIds: readonly string[], timedOut: boolean): WireObject {
  return { remaining_job_ids: [...remainingJobIds], timed_out: timedOut ? 'true' : 'false' };
}

/** The first line of a run answer: each submitted job id with its client result id or `null`. */
export function headerLine(jobsSubmitted: Record<string, string | null>): WireObject {
  return { jobs_submitted: jobsSubmitted };
}

/** A mid-stream server failure line, as Omni appends it when it fails while streaming. */
export function streamErrorLine(message: string, reason?: string): WireObject {
  return reason === undefined ? { message } : { message, reason };
}

/** The line Omni sends for a job id it does not know. */
export function unknownJobLine(jobId: string): WireObject {
  return { job_id: jobId, status: 'FAILED', error_message: 'Unable to find job' };
}

/**
 * The single-JSON body of Omni's public docs: a job's fields plus `timed_out` as a **boolean**, and
 * `remaining_job_ids` when `remainingJobIds` is given (the docs' example leaves it out).
 */
export function docsJobLine(
  line: WireObject,
  options: { timedOut?: boolean; remainingJobIds?: readonly string[] } = {},
): WireObject {
  const body: WireObject = { ...line };
  if (options.remainingJobIds !== undefined) body.remaining_job_ids = [...options.remainingJobIds];
  body.timed_out = options.timedOut ?? false;
  return body;
}

/** An NDJSON body: one JSON object per line, `\n`-terminated unless `trailingNewline` is `false`. */
export function ndjson(lines: readonly unknown[], options: { trailingNewline?: boolean } = {}): string {
  const text = lines.map((line) => JSON.stringify(line)).join('\n');
  return options.trailingNewline === false || lines.length === 0 ? text : `${text}\n`;
}
