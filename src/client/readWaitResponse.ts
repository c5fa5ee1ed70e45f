import { OmniError } from '../errors/OmniError.js';
import { createWaitBodyParser } from '../wire/createWaitBodyParser.js';
import type { JobLine } from '../wire/jobLineSchema.js';
import type { RunResponse } from '../wire/createWaitBodyParser.js';

/** Options of {@link readWaitResponse}. */
export interface ReadWaitResponseOptions {
  /** Called with each job line as it arrives. */
  onJob?: ((job: JobLine) => void) | undefined;
  /** Removes secrets from server text before it goes into an error message. */
  redact?: ((text: string) => string) | undefined;
  /** The request's signal: once aborted, reading stops and its reason is thrown unchanged. */
  signal?: AbortSignal | undefined;
}

/**
 * Reads a 2xx answer of wait or run as it streams (`response.body.getReader()`), handing each job
 * line to `onJob` as soon as its line is complete. Falls back to `response.text()` where the body
 * is not a stream.
 *
 * A connection that breaks mid-body keeps the jobs already read: the answer comes back with a
 * `network` `streamError`, or that error is thrown when nothing usable had arrived.
 *
 * @throws the signal's reason, unchanged, when the request is aborted; `OmniError` of kind `schema`
 *   for a body that holds nothing readable.
 */
export async function readWaitResponse(response: Response, options: ReadWaitResponseOptions = {}): Promise<RunResponse> {
  const { signal } = options;
  const parser = createWaitBodyParser({ onJob: options.onJob, redact: options.redact });
  const broken = (cause: unknown) =>
    new OmniError('network', `The connection to Omni broke while reading its answer: ${describe(cause)}`, { cause });

  const body = response.body;
  if (body === null || typeof body.getReader !== 'function') {
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      throw broken(cause);
    }
    parser.push(text);
    return parser.end();
  }

  const reader = body.getReader();
  let finished = false;
  // Not every fetch errors a body stream on abort (msw's does not): cancel it, so a pending read
  // returns at once instead of waiting out a long poll.
  const onAbort = () => {
    reader.cancel(signal?.reason).catch(() => undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        if (signal?.aborted) throw signal.reason;
        finished = true;
        return parser.end(broken(cause));
      }
      if (signal?.aborted) throw signal.reason;
      if (chunk.done) {
        finished = true;
        break;
      }
      parser.push(chunk.value);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Stop the download when we leave early (abort, a throwing onJob): nobody will read the rest.
    if (!finished) reader.cancel().catch(() => undefined);
  }
  return parser.end();
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}
