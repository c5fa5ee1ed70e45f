import { OmniError } from '../errors/OmniError.js';
import { classifyLine, type WireFooter } from './classifyLine.js';
import { createLineSplitter } from './createLineSplitter.js';
import type { JobLine } from './jobLineSchema.js';
import { isTerminalLine } from './jobStatus.js';
import { textSnippet } from './textSnippet.js';

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

/**
 * One answer of `POST /api/v1/query/run`: a wait answer plus the `jobs_submitted` header. The parser
 * gives every body this shape; a wait answer's `jobsSubmitted` is `{}`.
 */
export interface RunResponse extends WaitResponse {
  /** Submitted job ids, each with its client result id or `null`. `{}` when the header was missing. */
  jobsSubmitted: Record<string, string | null>;
}

/** Options of {@link createWaitBodyParser} and {@link parseWaitBody}. */
export interface WaitBodyParserOptions {
  /** Called with each job line as soon as it is parsed, in body order. Errors it throws propagate. */
  onJob?: ((job: JobLine) => void) | undefined;
  /** Removes secrets from server text before it goes into an error message. Identity when absent. */
  redact?: ((text: string) => string) | undefined;
}

/** A parser that reads one wait or run answer as it streams in. */
export interface WaitBodyParser {
  /** Feeds the next chunk of the body (bytes or already decoded text). */
  push(chunk: Uint8Array | string): void;
  /**
   * Ends the body and returns what it said.
   * @param interruption why the body ended early (the connection broke). The incomplete last line
   *   is then dropped rather than reported as bad JSON, and `streamError` is `interruption` unless
   *   the server had already sent its own error line.
   * @throws OmniError of kind `schema` when the body holds no job line, footer or header at all
   *   (empty, HTML, a JSON scalar, an unknown object), or the body's own mid-stream error when it
   *   held nothing else: an answer is returned only when it carries something.
   */
  end(interruption?: OmniError): RunResponse;
}

/**
 * Reads the answer of `GET /api/v1/query/wait` or `POST /api/v1/query/run` in any shape the wire
 * contract lists, into one {@link RunResponse}:
 * - NDJSON: job lines, a footer with string `timed_out`, a `jobs_submitted` header, a mid-stream
 *   `{"message","reason"}` line (with or without a final newline);
 * - one JSON object in the docs' shape (a job's fields plus boolean `timed_out`), also pretty-printed;
 * - a JSON array of such objects (on one line or pretty-printed).
 *
 * Nothing that was readable is lost to a line that was not: lines that are not JSON, not objects, or
 * fail the footer/header schema set `streamError` (kind `schema`) and parsing goes on; a job line
 * that fails the schema becomes that job's failure (see `invalidJobLine`). When several lines fail,
 * `streamError` is the first failure. Job lines are kept in body order, duplicates included; the
 * newest footer wins.
 *
 * `remainingJobIds` is the newest footer's list. When that footer has no `remaining_job_ids` key it
 * is the ids of this body's non-terminal job lines if the wait did not time out (the docs' shape),
 * and `undefined` (unknown) if it did; it is also `undefined` when there was no footer.
 */
export function createWaitBodyParser(options: WaitBodyParserOptions = {}): WaitBodyParser {
  const redact = options.redact ?? ((text: string) => text);
  const splitter = createLineSplitter();
  const jobs: JobLine[] = [];
  let footer: WireFooter | undefined;
  let jobsSubmitted: Record<string, string | null> | undefined;
  let streamError: OmniError | undefined;
  let recognised = false;
  // The body's shape, decided by its first line: `lines` (NDJSON) when that line is JSON on its own;
  // else `document`, held to the end, where it is one pretty-printed JSON value or lines after all.
  let shape: 'unknown' | 'lines' | 'document' = 'unknown';
  const held: string[] = [];
  let heldFirstFailure: unknown;
  let lineNumber = 0;
  // The body's first JSON text (its first line, or the whole document) as parsed: says what an
  // unreadable body was.
  let first: (Parsed & { text: string }) | undefined;

  const fail = (error: OmniError) => {
    streamError ??= error;
  };

  const handleValue = (value: unknown, where: string, nested = false): void => {
    if (Array.isArray(value) && !nested) {
      for (const item of value) handleValue(item, where, true);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(new OmniError('schema', `Omni sent ${describeJson(value)} ${where}, not an object: ${snippetOf(value)}`));
      return;
    }
    for (const event of classifyLine(value as Record<string, unknown>, { redact })) {
      switch (event.kind) {
        case 'job':
          recognised = true;
          jobs.push(event.job);
          options.onJob?.(event.job);
          break;
        case 'footer':
          recognised = true;
          footer = event.footer;
          break;
        case 'header':
          recognised = true;
          jobsSubmitted = { ...jobsSubmitted, ...event.jobsSubmitted };
          break;
        case 'streamError':
          fail(event.error);
          break;
      }
    }
  };

  const handleLine = (line: string, parsed: Parsed): void => {
    lineNumber += 1;
    if (parsed.ok) {
      handleValue(parsed.value, `on line ${lineNumber}`);
      return;
    }
    fail(
      new OmniError('schema', `Omni sent a line that is not JSON (line ${lineNumber}): ${textSnippet(redact(line))}`, {
        cause: parsed.cause,
      }),
    );
  };

  const take = (line: string): void => {
    if (shape === 'document') {
      held.push(line);
      return;
    }
    const parsed = parseJson(line);
    if (shape === 'unknown') {
      if (!parsed.ok) {
        shape = 'document';
        held.push(line);
        heldFirstFailure = parsed.cause;
        return;
      }
      shape = 'lines';
      first = { ...parsed, text: line };
    }
    handleLine(line, parsed);
  };

  const snippetOf = (value: unknown) => textSnippet(redact(String(JSON.stringify(value))));

  return {
    push(chunk) {
      for (const line of splitter.push(chunk)) take(line);
    },
    end(interruption) {
      if (interruption === undefined) for (const line of splitter.end()) take(line);
      if (shape === 'document') {
        const text = held.join('\n');
        first = { ...parseJson(text), text };
        if (first.ok) handleValue(first.value, 'as the body');
        else {
          // Not one document either: read it line by line so that any good lines still count.
          handleLine(held[0]!, { ok: false, cause: heldFirstFailure });
          for (const line of held.slice(1)) handleLine(line, parseJson(line));
        }
      }

      if (interruption !== undefined && streamError?.kind !== 'http') streamError = interruption;
      if (!recognised) {
        if (streamError !== undefined && streamError.kind !== 'schema') throw streamError;
        // An object that failed its schema says more than "nothing readable" would.
        if (streamError !== undefined && first?.ok && typeof first.value === 'object' && first.value !== null) {
          throw streamError;
        }
        throw new OmniError('schema', describeUnreadableBody(first, redact), { cause: streamError });
      }

      let remainingJobIds = footer?.remainingJobIds;
      if (footer !== undefined && remainingJobIds === undefined && !footer.timedOut) {
        remainingJobIds = jobs.filter((job) => !isTerminalLine(job)).map((job) => job.jobId);
      }
      return {
        jobs,
        remainingJobIds,
        timedOut: footer?.timedOut ?? false,
        streamError,
        jobsSubmitted: jobsSubmitted ?? {},
      };
    },
  };
}

/**
 * Parses a whole wait or run answer held as text. Same rules as {@link createWaitBodyParser}.
 * @throws OmniError of kind `schema` when the body holds no job line, footer or header.
 */
export function parseWaitBody(text: string, options: WaitBodyParserOptions = {}): RunResponse {
  const parser = createWaitBodyParser(options);
  parser.push(text);
  return parser.end();
}

type Parsed = { ok: true; value: unknown } | { ok: false; cause: unknown };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    return { ok: false, cause };
  }
}

function describeJson(value: unknown): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return 'a nested JSON array';
  return `a JSON ${typeof value}`;
}

function describeUnreadableBody(first: (Parsed & { text: string }) | undefined, redact: (text: string) => string): string {
  if (first === undefined) return 'Omni answered with an empty body where job lines or a footer were expected';
  const snippet = textSnippet(redact(first.text));
  if (!first.ok) return `Omni's answer is neither NDJSON nor JSON: ${snippet}`;
  if (typeof first.value !== 'object' || first.value === null) {
    return `Omni answered with ${describeJson(first.value)}, not job lines or a footer: ${snippet}`;
  }
  return `Omni's answer has no job line, footer or jobs_submitted header: ${snippet}`;
}
