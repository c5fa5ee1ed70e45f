import { z } from 'zod';

// NDJSON footers say "true"/"false"; the docs' single-JSON body says true/false.
const timedOutSchema = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE'])])
  .transform((value) => value === true || (typeof value === 'string' && value.toLowerCase() === 'true'));

/** The last line of a wait or run answer: what is still pending, and whether the server's wait ran out. */
export const footerSchema = z
  .looseObject({
    remaining_job_ids: z.array(z.string()).nullish(),
    timed_out: timedOutSchema.nullish(),
  })
  .transform((footer) => ({
    remainingJobIds: footer.remaining_job_ids ?? [],
    timedOut: footer.timed_out ?? false,
  }));

// Job ids are keys here, so any string must work as one. z.record cannot take that: its plain-object
// check throws on an own `constructor` key, and assigning `__proto__` would drop the entry.
const jobsSubmittedSchema = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected an object of job ids' });
    return z.NEVER;
  }
  const submitted: Record<string, string | null> = {};
  for (const [jobId, clientResultId] of Object.entries(value)) {
    if (clientResultId !== null && typeof clientResultId !== 'string') {
      ctx.addIssue({ code: 'custom', path: [jobId], message: 'expected a client result id (string) or null' });
      return z.NEVER;
    }
    Object.defineProperty(submitted, jobId, { value: clientResultId, enumerable: true, writable: true, configurable: true });
  }
  return submitted;
});

/** The first line of a run answer: the submitted job ids, each with its client result id or `null`. */
export const headerSchema = z
  .looseObject({ jobs_submitted: jobsSubmittedSchema })
  .transform((header) => ({ jobsSubmitted: header.jobs_submitted }));
