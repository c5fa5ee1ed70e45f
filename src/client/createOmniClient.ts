import { OmniError } from '../errors/OmniError.js';
import { parseJobIds } from '../wire/parseJobIds.js';
import type { RunResponse, WaitResponse } from '../wire/WaitResponse.js';
import { errorFromResponse } from './errorFromResponse.js';
import { normaliseBaseUrl } from './normaliseBaseUrl.js';
import type { OmniClient, OmniClientOptions, OmniRequestInit, RunQueryBody } from './OmniClient.js';
import { readWaitResponse } from './readWaitResponse.js';
import { redactor } from './redactor.js';
import { resolveToken } from './resolveToken.js';
import { RUN_PATH, WAIT_PATH, waitUrl } from './waitUrl.js';

/** The `Accept` header of every request: Omni streams NDJSON, and its docs show single JSON. */
export const ACCEPT = 'application/x-ndjson, application/json';

/**
 * Creates a client for Omni's query endpoints.
 *
 * - `client.key` is the normalised `baseUrl` (never the token), for query keys.
 * - Every request sends `Accept: application/x-ndjson, application/json`, then `options.headers`,
 *   then `Authorization: Bearer <token>` when there is a token (the token function is awaited
 *   before each request).
 * - `fetch` is `options.fetch`, else the global `fetch` looked up at each call, so msw and
 *   polyfills installed later still apply.
 * - Answers stream: `init.onJob` sees each job line when it arrives.
 *
 * Failures reject with an {@link OmniError}: `http` for non-2xx answers (Omni's error bodies
 * normalised, `retryAfterMs` from `Retry-After`), `network` when no answer came or the token
 * function failed, `schema` for a 2xx body with nothing readable. An aborted request rejects with
 * the signal's reason unchanged, as react-query expects. No message contains the token, and
 * nothing is logged.
 *
 * @throws TypeError (synchronously) when `options.baseUrl` is not a usable string.
 */
export function createOmniClient(options: OmniClientOptions): OmniClient {
  const baseUrl = normaliseBaseUrl(options.baseUrl);

  const send = async (
    method: 'GET' | 'POST',
    path: string,
    url: string,
    body: string | undefined,
    init: OmniRequestInit | undefined,
  ): Promise<RunResponse> => {
    const signal = init?.signal;
    signal?.throwIfAborted();
    const token = await resolveToken(options.token);
    signal?.throwIfAborted();
    const redact = redactor(token);

    const headers = new Headers({ Accept: ACCEPT });
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);

    // Looked up per call: msw or a polyfill may replace the global after the client was made.
    const fetchImpl = options.fetch ?? globalThis.fetch;
    if (typeof fetchImpl !== 'function') {
      throw new OmniError('network', 'No fetch is available: pass `fetch` to createOmniClient');
    }
    let response: Response;
    try {
      // Called unbound: `options.fetch(…)` would bind `this` to options and break window.fetch.
      response = await fetchImpl(url, { method, headers, body, signal });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      const reason = redact(cause instanceof Error ? cause.message || cause.name : String(cause));
      throw new OmniError('network', `Could not reach Omni (${method} ${baseUrl}${path}): ${reason}`, { cause });
    }
    if (!response.ok) {
      const error = await errorFromResponse(response, { redact });
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
    return readWaitResponse(response, { onJob: init?.onJob, redact, signal });
  };

  return {
    key: baseUrl,
    async wait(jobIds: readonly string[], init?: OmniRequestInit): Promise<WaitResponse> {
      const ids = checkJobIds(jobIds);
      if (ids.length === 0) return { jobs: [], remainingJobIds: [], timedOut: false, streamError: undefined };
      const { jobs, remainingJobIds, timedOut, streamError } = await send(
        'GET',
        WAIT_PATH,
        waitUrl(baseUrl, ids),
        undefined,
        init,
      );
      return { jobs, remainingJobIds, timedOut, streamError };
    },
    async run(body: RunQueryBody, init?: OmniRequestInit): Promise<RunResponse> {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new TypeError('OmniClient.run: body must be an object like { query: { modelId, table, fields } }');
      }
      return send('POST', RUN_PATH, `${baseUrl}${RUN_PATH}`, JSON.stringify(body), init);
    },
  };
}

/**
 * The ids to ask for, de-duplicated in first-seen order.
 * @throws TypeError for a non-array, or an id that is not a non-empty string: caught before any request.
 */
function checkJobIds(jobIds: readonly string[]): string[] {
  const checked = parseJobIds(jobIds);
  if (checked.ok) return checked.ids;
  throw new TypeError(
    checked.index === undefined
      ? 'OmniClient.wait: jobIds must be an array of job id strings'
      : `OmniClient.wait: job id at index ${checked.index} must be a non-empty string, got ${checked.found}`,
  );
}
