import { OmniError } from '../errors/OmniError.js';
import { errorBodyMessage } from '../wire/errorBodyMessage.js';
import { textSnippet } from '../wire/textSnippet.js';
import { parseRetryAfter } from './parseRetryAfter.js';

/** What {@link httpError} needs to know about a non-2xx answer. */
export interface HttpFailure {
  /** The HTTP status. */
  status: number;
  /** The status text. Often `""` (HTTP/2 has none). */
  statusText?: string;
  /** The body as text. `""` when there was none or it could not be read. */
  body: string;
  /** The `Retry-After` header. `null`/`undefined` when absent. */
  retryAfter?: string | null;
}

/** Options of {@link httpError} and {@link errorFromResponse}. */
export interface HttpErrorOptions {
  /** Removes secrets from the body before it goes into the message. Identity when absent. */
  redact?: (text: string) => string;
  /** The time `Retry-After` dates are measured from. `Date.now()` when absent. */
  now?: number;
  /**
   * The request that got this answer, named in the message so a wrong `baseUrl` shows where the
   * request really went. `path` is the URL without its query string (its values stay out of
   * messages). Absent: the message names no request.
   */
  request?: { method: string; path: string } | undefined;
}

/**
 * One `http` {@link OmniError} for a non-2xx answer, whatever the body's shape:
 * - Omni's three error bodies (`{"detail","status"}`, `{"error":{"code","message"}}`,
 *   `{"error":"…","success":false}`) give `Omni answered 403: Invalid bearer token`, with the
 *   server's text also in `omniMessage`;
 * - anything else (an HTML page from a proxy, plain text) gives the status and the first 200
 *   readable characters of the text; an empty body gives the status and its status text.
 *
 * With `options.request`, the method and path follow the status:
 * `Omni answered 404 Not Found (POST /acme.omniapp.co/api/v1/query/run)`.
 * `retryAfterMs` is set when `Retry-After` parses (see {@link parseRetryAfter}).
 */
export function httpError(failure: HttpFailure, options: HttpErrorOptions = {}): OmniError {
  const redact = options.redact ?? ((text: string) => text);
  const body = redact(failure.body);
  const retryAfterMs = parseRetryAfter(failure.retryAfter, options.now);
  const where = options.request === undefined ? '' : ` (${options.request.method} ${options.request.path})`;
  const head = `Omni answered ${failure.status}${failure.statusText ? ` ${failure.statusText}` : ''}${where}`;

  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const said = errorBodyMessage(parsed);
  if (said !== undefined) {
    const message = textSnippet(said.message);
    return new OmniError('http', `Omni answered ${failure.status}${where}: ${message}`, {
      status: failure.status,
      retryAfterMs,
      omniMessage: said.message,
    });
  }
  const text = textSnippet(body);
  return new OmniError('http', text === '' ? head : `${head}: ${text}`, { status: failure.status, retryAfterMs });
}

/** Longest error body read, in characters: enough for any JSON error, and the head of an HTML page. */
const MAX_ERROR_BODY = 64 * 1024;

/**
 * Reads a non-2xx `Response` and turns it into an `http` {@link OmniError} (see {@link httpError}).
 * A body that cannot be read counts as empty. Never throws.
 */
export async function errorFromResponse(response: Response, options: HttpErrorOptions = {}): Promise<OmniError> {
  let body = '';
  try {
    body = (await response.text()).slice(0, MAX_ERROR_BODY);
  } catch {
    // The status alone still makes a useful error.
  }
  return httpError(
    { status: response.status, statusText: response.statusText, body, retryAfter: response.headers.get('retry-after') },
    options,
  );
}
