import { classifyLine, type WireEvent } from '../../wire/classifyLine.js';
import { createLineSplitter } from '../../wire/createLineSplitter.js';

/** One object of a run or wait answer: what it means, and its text to pass on to a browser. */
export interface AnswerObject {
  /** The object's meaning, from the wire's own {@link classifyLine}. */
  events: WireEvent[];
  /**
   * The object as JSON text, as Omni sent it when it was one NDJSON line of its own; re-serialised
   * without its footer keys when it was a docs-shaped job (a job's fields plus `timed_out`), so that
   * it can be replayed as a plain job line. The token is taken out either way.
   */
  text: string;
}

/** Reads an answer as it streams in; see {@link createAnswerReader}. */
export interface AnswerReader {
  /** Feeds a chunk; returns the objects it completed. */
  push(chunk: Uint8Array): AnswerObject[];
  /** Ends the body; returns the last objects (all of them for a pretty-printed document). */
  end(): AnswerObject[];
  /** True once some part of the body was not JSON: the answer cannot be trusted as complete. */
  readonly unreadable: boolean;
}

/**
 * Reads a run or wait answer for the gateway, which needs both the meaning of each object (the
 * wire's `classifyLine`) and its text, to replay a finished job to other browsers byte for byte.
 * NDJSON is read line by line as it arrives; a body whose first line is not JSON on its own (a
 * pretty-printed object or array, the docs' shape) is held and read whole at the end.
 */
export function createAnswerReader(redact: (text: string) => string): AnswerReader {
  const splitter = createLineSplitter();
  let shape: 'unknown' | 'lines' | 'document' = 'unknown';
  const held: string[] = [];
  let unreadable = false;

  const objectsOf = (value: unknown, text: string | undefined, out: AnswerObject[]): void => {
    if (Array.isArray(value)) {
      for (const item of value) objectsOf(item, undefined, out);
      return;
    }
    if (typeof value !== 'object' || value === null) {
      unreadable = true;
      return;
    }
    const record = value as Record<string, unknown>;
    const events = classifyLine(record, { redact });
    const isJob = events.some((event) => event.kind === 'job');
    const carriesFooter = 'remaining_job_ids' in record || 'timed_out' in record;
    let replay = text;
    if (replay === undefined || (isJob && carriesFooter)) {
      const { remaining_job_ids: _remaining, timed_out: _timedOut, ...job } = record;
      replay = JSON.stringify(isJob ? job : record);
    }
    out.push({ events, text: redact(replay) });
  };

  const parse = (text: string): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false };
    }
  };

  const take = (lines: string[]): AnswerObject[] => {
    const out: AnswerObject[] = [];
    for (const line of lines) {
      if (shape === 'document') {
        held.push(line);
        continue;
      }
      const parsed = parse(line);
      if (shape === 'unknown' && !parsed.ok) {
        shape = 'document';
        held.push(line);
        continue;
      }
      shape = 'lines';
      if (parsed.ok) objectsOf(parsed.value, line, out);
      else unreadable = true;
    }
    return out;
  };

  return {
    push: (chunk) => take(splitter.push(chunk)),
    end() {
      const out = take(splitter.end());
      if (shape === 'document') {
        const parsed = parse(held.join('\n'));
        if (parsed.ok) objectsOf(parsed.value, undefined, out);
        else unreadable = true;
      }
      return out;
    },
    get unreadable() {
      return unreadable;
    },
  };
}
