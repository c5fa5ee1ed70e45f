import { z } from 'zod';
import { OmniError } from '../errors/OmniError.js';
import { errorBodyMessage } from './errorBodyMessage.js';
import { footerSchema, headerSchema } from './footerSchema.js';
import { describeIssues, invalidJobLine } from './invalidJobLine.js';
import { jobLineSchema, type JobLine } from './jobLineSchema.js';
import { redactJobLine } from './redactJobLine.js';
import { textSnippet } from './textSnippet.js';

/** A footer as read from one line: `remainingJobIds` is `undefined` when the line had no `remaining_job_ids` key. */
export interface WireFooter {
  remainingJobIds: string[] | undefined;
  timedOut: boolean;
}

/**
 * What one JSON object of a wait or run answer means. A docs-shaped object (a job's fields plus
 * `timed_out`) yields a `job` and a `footer`; most objects yield one event; an object with none of
 * the known keys yields none (new kinds of line are skipped, not fatal).
 */
export type WireEvent =
  | { kind: 'job'; job: JobLine }
  | { kind: 'footer'; footer: WireFooter }
  | { kind: 'header'; jobsSubmitted: Record<string, string | null> }
  | { kind: 'streamError'; error: OmniError };

/** Options of {@link classifyLine}. */
export interface ClassifyOptions {
  /** Removes secrets from server text before it goes into an error message. Identity when absent. */
  redact?: (text: string) => string;
}

/**
 * Sorts one parsed JSON object of an answer into job line, footer, header or mid-stream error, and
 * validates it with the wire schemas.
 *
 * - A job line that fails the schema stays that job's problem (see {@link invalidJobLine}); a job
 *   line without a usable `job_id` is a `schema` stream error.
 * - A `{"message","reason"}` line (or any of Omni's error-body shapes inside a 2xx answer) is a
 *   stream error of kind `http`: the server failed after it had sent a 2xx status line, so the
 *   error carries the status the body names, or **500** when it names none. That makes it retried
 *   like any server failure, and keeps `schema` for answers we cannot read.
 * - A footer or header that fails the schema is a `schema` stream error.
 */
export function classifyLine(value: Record<string, unknown>, options: ClassifyOptions = {}): WireEvent[] {
  const redact = options.redact ?? ((text: string) => text);
  const ownRedact = options.redact;
  const events: WireEvent[] = [];
  const schemaError = (what: string) => new OmniError('schema', `${what}: ${textSnippet(redact(safeStringify(value)))}`);

  if ('job_id' in value) {
    const parsed = safeParse(jobLineSchema, value);
    if (parsed.success) events.push({ kind: 'job', job: redactJobLine(parsed.data, ownRedact) });
    else if (typeof value.job_id === 'string' && value.job_id !== '') {
      events.push({ kind: 'job', job: invalidJobLine(value.job_id, value, parsed.error) });
    } else {
      events.push({ kind: 'streamError', error: schemaError('Omni sent a job line without a valid job_id') });
    }
  }

  if ('remaining_job_ids' in value || 'timed_out' in value) {
    const parsed = safeParse(footerSchema, value);
    if (parsed.success) {
      events.push({
        kind: 'footer',
        footer: {
          remainingJobIds: 'remaining_job_ids' in value ? parsed.data.remainingJobIds : undefined,
          timedOut: parsed.data.timedOut,
        },
      });
    } else {
      events.push({
        kind: 'streamError',
        error: schemaError(`Omni sent a footer that does not match the wire contract (${describeIssues(parsed.error)})`),
      });
    }
  }

  if ('jobs_submitted' in value) {
    const parsed = safeParse(headerSchema, value);
    if (parsed.success) events.push({ kind: 'header', jobsSubmitted: parsed.data.jobsSubmitted });
    else {
      events.push({
        kind: 'streamError',
        error: schemaError(
          `Omni sent a jobs_submitted header that does not match the wire contract (${describeIssues(parsed.error)})`,
        ),
      });
    }
  }

  if (events.length === 0) {
    const failure = errorBodyMessage(value);
    if (failure !== undefined) {
      const message = redact(failure.message);
      const reason = failure.reason === undefined ? undefined : redact(failure.reason);
      const status = failure.status !== undefined && failure.status >= 400 && failure.status <= 599 ? failure.status : 500;
      events.push({
        kind: 'streamError',
        error: new OmniError(
          'http',
          `Omni failed while sending its answer: ${textSnippet(message)}${reason ? ` (${textSnippet(reason)})` : ''}`,
          { status, omniMessage: reason ?? message },
        ),
      });
    }
  }
  return events;
}

/**
 * `schema.safeParse` that never throws: zod 4 itself throws a `TypeError` on a record with an own
 * `constructor` key set to `null` (its plain-object check reads `constructor.prototype`). Such a
 * line then fails like any other invalid line instead of escaping as an untyped error.
 */
function safeParse<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { success: true; data: z.output<S> } | { success: false; error: z.ZodError } {
  try {
    return schema.safeParse(value);
  } catch {
    return {
      success: false,
      error: new z.ZodError([{ code: 'custom', path: [], message: 'the line could not be validated', input: undefined }]),
    };
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
