import { OmniError } from '../errors/OmniError.js';
import { classifyLine, type WireFooter } from './classifyLine.js';
import { createLineSplitter } from './createLineSplitter.js';
import type { JobLine } from './jobLineSchema.js';
import { isTerminalLine } from './jobStatus.js';
import { textSnippet } from './textSnippet.js';
import type { RunResponse } from './WaitResponse.js';

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
  let linesSeen = 0;
  // A body whose first line is not JSON may be one pretty-printed document: keep its lines until the end.
  let wholeBody: string[] | undefined;
  let firstText: string | undefined;

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

  const handleLine = (line: string, forceLines = false): void => {
    linesSeen += 1;
    firstText ??= line;
    if (wholeBody !== undefined && !forceLines) {
      wholeBody.push(line);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (cause) {
      if (linesSeen === 1 && !forceLines) {
        wholeBody = [line];
        return;
      }
      fail(new OmniError('schema', `Omni sent a line that is not JSON (line ${linesSeen}): ${textSnippet(redact(line))}`, { cause }));
      return;
    }
    handleValue(value, `on line ${linesSeen}`);
  };

  const snippetOf = (value: unknown) => textSnippet(redact(String(JSON.stringify(value))));

  return {
    push(chunk) {
      for (const line of splitter.push(chunk)) handleLine(line);
    },
    end(interruption) {
      if (interruption === undefined) for (const line of splitter.end()) handleLine(line);
      if (wholeBody !== undefined) {
        const lines = wholeBody;
        const text = lines.join('\n');
        firstText = text;
        let value: unknown;
        let parsed = false;
        try {
          value = JSON.parse(text);
          parsed = true;
        } catch {
          // Not one document either: read it line by line so that any good lines still count.
        }
        if (parsed) handleValue(value, 'as the body');
        else {
          linesSeen = 0;
          for (const line of lines) handleLine(line, true);
        }
      }

      if (interruption !== undefined && streamError?.kind !== 'http') streamError = interruption;
      if (!recognised) {
        if (streamError !== undefined && streamError.kind !== 'schema') throw streamError;
        // An object that failed its schema says more than "nothing readable" would.
        if (streamError !== undefined && startsLikeObject(firstText)) throw streamError;
        throw new OmniError('schema', describeUnreadableBody(firstText, redact), { cause: streamError });
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

function startsLikeObject(text: string | undefined): boolean {
  if (text === undefined || !/^[[{]/.test(text)) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

function describeJson(value: unknown): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return 'a nested JSON array';
  return `a JSON ${typeof value}`;
}

function describeUnreadableBody(firstText: string | undefined, redact: (text: string) => string): string {
  if (firstText === undefined) return 'Omni answered with an empty body where job lines or a footer were expected';
  let value: unknown;
  try {
    value = JSON.parse(firstText);
  } catch {
    return `Omni's answer is neither NDJSON nor JSON: ${textSnippet(redact(firstText))}`;
  }
  if (typeof value !== 'object' || value === null) {
    return `Omni answered with ${describeJson(value)}, not job lines or a footer: ${textSnippet(redact(firstText))}`;
  }
  return `Omni's answer has no job line, footer or jobs_submitted header: ${textSnippet(redact(firstText))}`;
}
